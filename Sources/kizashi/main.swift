print("kizashi")
