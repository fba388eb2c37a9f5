print("mds-client")
