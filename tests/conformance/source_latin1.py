# -*- coding: latin-1 -*-
"""A script declaring its encoding (PEP 263): every byte of it is Latin-1."""
word = "café crème brûlée"
print(word)
print(len(word), [ord(c) for c in word if ord(c) > 127])
print(word.upper())
