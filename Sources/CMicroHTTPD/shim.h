#pragma once
// Non-variadic entry points into libmicrohttpd for Swift, which cannot call C variadic functions.
// Only the MicroHTTPD module imports this.
#include <stdarg.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// Signature of MHD's URI log callback (`MHD_OPTION_URI_LOG_CALLBACK`): its return value becomes the request's
/// initial `*con_cls`, and MHD then always calls the request-completed callback for it.
typedef void *(*mds_mhd_uri_log_callback)(void *cls, const char *uri, struct MHD_Connection *connection);

/// A logger that drops every message, so MHD never writes to stderr.
static inline void mds_mhd_silent_logger(void *cls, const char *fm, va_list ap) {
    (void)cls;
    (void)fm;
    (void)ap;
}

/// Starts a daemon bound exactly to `address` (the `port` argument of MHD_start_daemon is ignored when a socket
/// address is given). Returns NULL when MHD cannot start, e.g. when bind() fails because the port is taken.
static inline struct MHD_Daemon *mds_mhd_start_daemon(
    unsigned int flags,
    const struct sockaddr_in *address,
    unsigned int connection_limit,
    unsigned int connection_timeout_seconds,
    MHD_AccessHandlerCallback access_handler, void *access_cls,
    MHD_RequestCompletedCallback completed, void *completed_cls,
    mds_mhd_uri_log_callback uri_log, void *uri_log_cls)
{
    return MHD_start_daemon(
        flags, ntohs(address->sin_port), NULL, NULL, access_handler, access_cls,
        MHD_OPTION_EXTERNAL_LOGGER, &mds_mhd_silent_logger, (void *)NULL,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)address,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout_seconds,
        MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
        MHD_OPTION_URI_LOG_CALLBACK, uri_log, uri_log_cls,
        MHD_OPTION_END);
}

/// The port the daemon's listening socket is bound to, or 0 when unknown.
static inline uint16_t mds_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// The socket of a connection, or -1 when unknown.
static inline int mds_mhd_connection_fd(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : (int)info->connect_fd;
}
