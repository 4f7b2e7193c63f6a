"""app_lib"""
