print("recipes: not yet implemented")
