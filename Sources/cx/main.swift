print("cx")
