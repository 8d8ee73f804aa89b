# find, rfind, index, rindex and count with start and end, in code points (also past ASCII),
# as a tool-call parser scanning a streamed reply uses them.
s = "abcabcabc"
print(s.count("a", 2), s.count("a", 2, 6), s.count("", 1, 3), s.count("bc", -4))
print(s.find("a", 1), s.find("a", 1, 3), s.rfind("a", 0, 5), s.rfind("c", -5, -1), s.rfind("z"))
print(s.index("b", 2), s.rindex("a", 0, 4), s.startswith("bc", 1), s.endswith("ab", 0, 5), s.startswith(("x", "ca"), 2))
print("héllo wörld".count("ö", 3), "héllo wörld".rfind("l", 0, 5), "héllo".find("l", -2))
try:
    s.rindex("z", 0, 3)
except ValueError as e:
    print(e)
print("abc".find("", 5), "abc".find("", 3), "abc".count("", 5), "abc".count("", 2, 1), "abc".rfind("", 1), "ab".count("a", None, None))
print("日本語の文章です。日本".find("日本", 1), "日本語の文章です。日本".rfind("文", 0, 6), "日本語の文章です".count("の", 2, -1), "é".find("é", -5))


def tool_calls(reply):
    """Every <tool>...</tool> block, scanned with find(start) as hand-written parsers do."""
    calls, at = [], 0
    while (begin := reply.find("<tool>", at)) != -1:
        end = reply.find("</tool>", begin)
        if end == -1:
            break
        calls.append(reply[begin + 6:end])
        at = end + 7
    return calls


reply = "Voilà: <tool>search(\"café\")</tool> puis <tool>weather(\"Zürich\")</tool> — fin <tool>open"
print(tool_calls(reply), reply.count("<tool>", 10), reply.rfind("<tool>", 0, -5), reply.rindex("—"))
