print("mds")
