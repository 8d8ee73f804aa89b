# re's corners as CPython 3.11 has them: empty matches in sub, split and findall, lazy and
# possessive quantifiers, backreferences, lookarounds, flags, and Unicode strings.
import re

# Empty matches: replaced next to a previous non-empty match; split at them too.
print(re.sub(r"x*", "-", "abxd"))
print(re.sub(r"", "-", "abc"))
print(re.sub(r"\b", "|", "hi there"))
print(re.split(r"x*", "axbc"))
print(re.split(r"\b", "a b"))
print(re.split(r"(?=[A-Z])", "splitCamelCaseWords"))
print(re.findall(r"\b|:+", "a::b"))
print(re.findall(r"a*", "baaac"))
print(re.subn(r"a|", "-", "cab"))
print([m.span() for m in re.finditer(r"\w*", "ab cd")])
print(re.split(r"(a)|b", "xaybz"))
print(re.split(r",", ""), re.split(r"x*", ""), re.findall(r"", ""))

# Greedy, lazy and possessive quantifiers; {m,n} forms; literal braces.
print(re.findall(r"<.+>", "<a><b>"), re.findall(r"<.+?>", "<a><b>"))
print(re.match(r"a{2,3}", "aaaa"), re.match(r"a{2,3}?", "aaaa"), re.match(r"a{,2}", "aaaa"))
print(re.match(r"a{2}", "aaaa"), re.match(r"a{3,}", "aaaaa"), re.match(r"x{", "x{"), re.match(r"x{a}", "x{a}"))
print(re.match(r"a*+a", "aaa"), re.match(r"(?>a+)b", "aaab"), re.match(r"a??b", "ab"))

# Backreferences, named backreferences and conditionals.
print(re.search(r"(\w)\1", "abccd"))
print(re.search(r"(?P<q>['\"]).*?(?P=q)", "say \"hi\" or 'bye'"))
print(re.findall(r"(<)?(\w+)(?(1)>|$)", "<a> b c"))
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world"), re.sub(r"(a)", r"[\g<1>0]", "a"))

# Lookahead and lookbehind.
print(re.findall(r"\w+(?=!)", "hey! you? wow!"), re.findall(r"(?<=\$)\d+", "$10 and 20 and $30"))
print(re.findall(r"(?<!-)\b\d+", "5 -6 7"), re.findall(r"q(?!u)", "qatar quit"))

# Anchors and flags.
text = "first line\nsecond line\nthird"
print(re.findall(r"^\w+", text), re.findall(r"^\w+", text, re.M), re.findall(r"\w+$", text, re.MULTILINE))
print(re.search(r"line.second", text), re.search(r"line.second", text, re.S), re.search(r"(?s)line.second", text))
print(re.match(r"HELLO", "hello", re.I), re.match(r"(?i)hello", "HeLLo"), re.match(r"(?i:h)ello", "Hello"))
print(re.search(r"end$", "the end\n"), re.search(r"end\Z", "the end\n"), re.search(r"\Athe", "the end"))
verbose = re.compile(r"""
    (?P<int>\d+)    # the whole part
    \.              # a dot
    (?P<frac>\d*)   # the fraction
""", re.VERBOSE)
print(verbose.match("3.14").groupdict(), re.match(r"(?x) a b # c", "ab"))
print(re.findall(r"[a-c]+", "ABCabc", re.I | re.M), re.findall(r"\w+", "naïve café", re.A))

# Unicode: \w, \d and \s as CPython's str patterns have them; case-insensitive letters.
print(re.findall(r"\w+", "naïve café 東京 Ωμέγα"), re.findall(r"\d", "1٢३"), re.split(r"\s+", "a\u3000b\x1cc\td"))
print(re.match(r"straße", "STRASSE", re.I), re.match(r"ω", "Ω", re.I), re.search(r"é+", "caféé!"))
print(re.sub(r"(?<=é)\w", "*", "éa éb"), len(re.sub(r".", "x", "🙂a🙂")), re.search(r"🙂", "a🙂b").span())
print(re.match(r"[^\W\d]+", "héllo42"), re.findall(r"\b\w", "über alles"), re.escape("é.ü"))

# Escapes and classes.
print(re.findall(r"[\d.]+", "v1.2.3 and 4"), re.findall(r"[^a-z\s]", "ab C1 d!"), re.findall(r"[]a]", "a]b"))
print(re.match(r"\x41\u0042\U00000043\101\0", "ABCA\x00"), re.findall(r"[\t\n]", "a\tb\nc"), re.findall(r"[-a]", "-a"))
print(re.match(r"(?:ab)+", "ababx"), re.match(r"(?#comment)x", "x"), re.match(r"(a|b|c)*", "abcab").groups())

p = re.compile(r"\d+")
print(p.search("ab12cd34", 4), p.search("ab12cd34", 4, 7), p.search("ab12", -5, 100), p.search("ab12", 3, 2))
print(p.sub("#", "a1b22c333", 2), re.sub("a", "b", "aaa", count=-1), re.split(",", "a,b", -1))
