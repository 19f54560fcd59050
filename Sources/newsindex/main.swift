print("newsindex")
