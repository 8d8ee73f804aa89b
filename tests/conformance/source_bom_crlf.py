"""A script saved by a Windows editor: a UTF-8 byte order mark and CRLF line endings."""
text = """first line
second line"""
print(repr(text))
print(len(text.splitlines()), "lines")
print("café", len("café"))
