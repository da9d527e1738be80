"""theLook eCommerce analytics: the local source generator and the marts' business logic."""
