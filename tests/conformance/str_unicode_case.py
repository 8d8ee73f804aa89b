# Unicode case mapping as CPython does it: full mappings (one character may become several),
# final sigma, title case, case folding, and the is* tests, beyond ASCII.
words = [
    "straße", "STRASSE", "ß", "ﬁne ﬂour", "İstanbul", "ıi", "ǆemal", "ǅ", "Ǆ",
    "ΟΔΥΣΣΕΥΣ", "ΣΑΣ ΣΟΥ", "Σ", "AΣ", "AΣb", "AΣ.", "A.Σ", "Σ'A", "ὈΔΥΣΣΕΎΣ",
    "привет мир", "ПРИВЕТ", "ǈubljana", "ŉ", "ΐ", "ﬃ", "Ὠ", "ᾳ", "ᾼ",
    "日本語 text", "émile zola", "ÉCOLE", "hello world", "HELLO", "Hello World",
    "o'neil", "they're bill's", "x1y2", "", "123", "ǉ", "ᏸ", "Ꭰ", "𐐨𐐩", "𐐀",
    "ﬀ", "ǰ", "Å", "Å", "ﬅ", "ŀ", "ſ", "K", "µ",
]
for w in words:
    print(repr(w), "->", repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()),
          repr(w.swapcase()), repr(w.casefold()))
    print("   ", w.isupper(), w.islower(), w.istitle(), len(w.upper()), len(w.lower()))

print("ß".upper() == "SS", "ß".casefold() == "ss", "ΣΑΣ".lower())
print("Straße".casefold() == "STRASSE".casefold())
print(sorted(["Zebra", "äpfel", "apple", "Éclair", "eclair"], key=str.casefold))
print("ΌΣΟΣ ΈΝΑΣ".lower(), "ΌΣΟΣ ΈΝΑΣ".title(), "όσος".upper())
print("MiXeD ΚεΦάΛαΙα".swapcase())
print("tool:search".removeprefix("tool:"), "report.json".removesuffix(".json"), "x".removeprefix(""))
print("café".upper(), len("ﬃ".upper()), "ǅ".lower(), "ǅ".upper(), "ǆ".title())
