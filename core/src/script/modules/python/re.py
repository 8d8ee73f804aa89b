"""re, after CPython 3.11's Lib/re: the pattern is parsed here as CPython's re._parser parses
it, so a bad pattern raises re.error with CPython's message and position, and is translated
to PCRE2 syntax, which _re (modules/Re.cpp) compiles and matches. Matching semantics that
differ between the two engines are translated away here: Python's \\Z is PCRE2's \\z, \\s
also matches \\x1c-\\x1f, verbose whitespace is dropped before PCRE2 sees it, and named
groups become plain numbered ones (Python allows names PCRE2 does not)."""

import _re
from enum import IntFlag as _IntFlag
from types import MappingProxyType as _MappingProxy

# The flags as plain ints, for the parser; the module's own names (re.I, re.IGNORECASE...) are
# RegexFlag members, made at the end.
_NOFLAG = 0
_TEMPLATE = 1
_IGNORECASE = 2
_LOCALE = 4
_MULTILINE = 8
_DOTALL = 16
_UNICODE = 32
_VERBOSE = 64
_DEBUG = 128
_ASCII = 256

_FLAG_NAMES = [(_TEMPLATE, 'TEMPLATE'), (_IGNORECASE, 'IGNORECASE'), (_LOCALE, 'LOCALE'),
               (_MULTILINE, 'MULTILINE'), (_DOTALL, 'DOTALL'), (_UNICODE, 'UNICODE'),
               (_VERBOSE, 'VERBOSE'), (_DEBUG, 'DEBUG'), (_ASCII, 'ASCII')]
_INLINE_FLAGS = {'i': _IGNORECASE, 'L': _LOCALE, 'm': _MULTILINE, 's': _DOTALL, 'x': _VERBOSE,
                 'a': _ASCII, 't': _TEMPLATE, 'u': _UNICODE}
_TYPE_FLAGS = _ASCII | _LOCALE | _UNICODE
_GLOBAL_FLAGS = _DEBUG | _TEMPLATE

_MAXREPEAT = 4294967295
# PCRE2 counts repeats in 16 bits; CPython allows up to _MAXREPEAT - 1.
_PCRE2_MAX_COUNT = 65535

_DIGITS = '0123456789'
_OCTDIGITS = '01234567'
_HEXDIGITS = '0123456789abcdefABCDEF'
_ASCIILETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
_WHITESPACE = ' \t\n\r\x0b\x0c'
_SPECIAL_CHARS = '.\\[{()*+?^$|'
_REPEAT_CHARS = '*+?{'
_ESCAPES = {'\\a': 7, '\\b': 8, '\\f': 12, '\\n': 10, '\\r': 13, '\\t': 9, '\\v': 11, '\\\\': 92}
_CLASS_CATEGORIES = '\\d\\D\\s\\S\\w\\W'
_AT_CATEGORIES = {'\\A': '\\A', '\\b': '\\b', '\\B': '\\B', '\\Z': '\\z'}


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = '%s at position %d' % (msg, pos)
            self.lineno = pattern[:pos].count('\n') + 1
            self.colno = pos - pattern[:pos].rfind('\n')
            if '\n' in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


# Classes defined in a library module would otherwise print as __main__'s.
error.__module__ = 're'


# ---------------------------------------------------------------- parsing the pattern

class _Tokenizer:
    # Reads the pattern a token at a time: one character, or a backslash and the next one.
    def __init__(self, string):
        self.string = string
        self.index = 0
        self.next = None
        self._advance()

    def _advance(self):
        index = self.index
        if index >= len(self.string):
            self.next = None
            return
        char = self.string[index]
        if char == '\\':
            index += 1
            if index >= len(self.string):
                raise error('bad escape (end of pattern)', self.string, len(self.string) - 1)
            char += self.string[index]
        self.index = index + 1
        self.next = char

    def match(self, char):
        if char == self.next:
            self._advance()
            return True
        return False

    def get(self):
        this = self.next
        self._advance()
        return this

    def getwhile(self, n, charset):
        result = ''
        for _ in range(n):
            c = self.next
            if c is None or c not in charset:
                break
            result += c
            self._advance()
        return result

    def getuntil(self, terminator, name):
        result = ''
        while True:
            c = self.next
            self._advance()
            if c is None:
                if not result:
                    raise self.error('missing ' + name)
                raise self.error('missing %s, unterminated name' % terminator, len(result))
            if c == terminator:
                if not result:
                    raise self.error('missing ' + name, 1)
                break
            result += c
        return result

    def tell(self):
        return self.index - len(self.next or '')

    def seek(self, index):
        self.index = index
        self._advance()

    def error(self, msg, offset=0):
        return error(msg, self.string, self.tell() - offset)

    def checkgroupname(self, name, offset):
        if not name.isidentifier():
            raise self.error('bad character in group name %r' % name, len(name) + offset)


class _State:
    def __init__(self, flags):
        self.flags = flags
        self.groupdict = {}
        self.groupwidths = [None]  # group 0; None while a group is open
        self.parents = [0]  # the group each group is nested in, for Match.lastindex
        self.open = [0]
        self.lookbehindgroups = None
        self.grouprefpos = {}
        self.lookbehind_error = False

    def groups(self):
        return len(self.groupwidths)

    def opengroup(self, name):
        gid = len(self.groupwidths)
        self.groupwidths.append(None)
        self.parents.append(self.open[-1])
        if name is not None:
            ogid = self.groupdict.get(name)
            if ogid is not None:
                raise error('redefinition of group name %r as group %d; was group %d' % (name, gid, ogid))
            self.groupdict[name] = gid
        self.open.append(gid)
        return gid

    def closegroup(self, gid, width):
        self.groupwidths[gid] = width
        self.open.pop()

    def checkgroup(self, gid):
        return gid < len(self.groupwidths) and self.groupwidths[gid] is not None

    def checklookbehindgroup(self, gid, source):
        if self.lookbehindgroups is not None:
            if not self.checkgroup(gid):
                raise source.error('cannot refer to an open group')
            if gid >= self.lookbehindgroups:
                raise source.error('cannot refer to group defined in the same lookbehind subpattern')


# A parsed item is [kind, pcre2 text, min width, max width]. Kinds: 'lit', 'set', 'any', 'at'
# (anchors, which cannot repeat), 'repeat', 'group', 'assert', 'ref'.

def _char(code):
    if code < 128 and (chr(code).isalnum() or code == 95):
        return chr(code)
    return '\\x{%x}' % code


def _unicode(state):
    return not state.flags & _ASCII


def _category(escape, state, in_class):
    # Python's Unicode \s also takes the separators \x1c-\x1f, which PCRE2's does not.
    if escape == '\\s' and _unicode(state):
        return '\\s\\x{1c}-\\x{1f}' if in_class else '[\\s\\x{1c}-\\x{1f}]'
    if escape == '\\S' and _unicode(state) and not in_class:
        return '[^\\s\\x{1c}-\\x{1f}]'
    return escape


def _hex_escape(source, escape, digits):
    escape += source.getwhile(digits, _HEXDIGITS)
    if len(escape) != digits + 2:
        raise source.error('incomplete escape %s' % escape, len(escape))
    code = int(escape[2:], 16)
    if code > 0x10ffff:
        raise source.error('bad escape %s' % escape, len(escape))
    return code


def _named_escape(source):
    if not source.match('{'):
        raise source.error('missing {')
    source.getuntil('}', 'character name')
    _re.unsupported('the \\N{...} escape in a regular expression')


def _class_escape(source, escape, state):
    # One escape inside [...]: ('lit', code) or ('cat', text).
    code = _ESCAPES.get(escape)
    if code is not None:
        return 'lit', code
    if escape in _CLASS_CATEGORIES:
        return 'cat', escape
    c = escape[1:2]
    if c == 'x':
        return 'lit', _hex_escape(source, escape, 2)
    if c == 'u':
        return 'lit', _hex_escape(source, escape, 4)
    if c == 'U':
        return 'lit', _hex_escape(source, escape, 8)
    if c == 'N':
        _named_escape(source)
    if c in _OCTDIGITS:
        escape += source.getwhile(2, _OCTDIGITS)
        code = int(escape[1:], 8)
        if code > 0o377:
            raise source.error('octal escape value %s outside of range 0-0o377' % escape, len(escape))
        return 'lit', code
    if c in _DIGITS or (len(escape) == 2 and c in _ASCIILETTERS):
        raise source.error('bad escape %s' % escape, len(escape))
    return 'lit', ord(escape[1])


def _escape(source, escape, state):
    # One escape outside [...]: a parsed item.
    if escape in _AT_CATEGORIES:
        return ['at', _AT_CATEGORIES[escape], 0, 0]
    if escape in _CLASS_CATEGORIES:
        return ['set', _category(escape, state, False), 1, 1]
    code = _ESCAPES.get(escape)
    if code is not None:
        return ['lit', _char(code), 1, 1]
    c = escape[1:2]
    if c == 'x':
        return ['lit', _char(_hex_escape(source, escape, 2)), 1, 1]
    if c == 'u':
        return ['lit', _char(_hex_escape(source, escape, 4)), 1, 1]
    if c == 'U':
        return ['lit', _char(_hex_escape(source, escape, 8)), 1, 1]
    if c == 'N':
        _named_escape(source)
    if c == '0':
        escape += source.getwhile(2, _OCTDIGITS)
        return ['lit', _char(int(escape[1:], 8)), 1, 1]
    if c in _DIGITS:
        # An octal escape or a group reference.
        if source.next is not None and source.next in _DIGITS:
            escape += source.get()
            if escape[1] in _OCTDIGITS and escape[2] in _OCTDIGITS and \
                    source.next is not None and source.next in _OCTDIGITS:
                escape += source.get()
                code = int(escape[1:], 8)
                if code > 0o377:
                    raise source.error('octal escape value %s outside of range 0-0o377' % escape, len(escape))
                return ['lit', _char(code), 1, 1]
        group = int(escape[1:])
        if group < state.groups():
            if not state.checkgroup(group):
                raise source.error('cannot refer to an open group', len(escape))
            state.checklookbehindgroup(group, source)
            return _groupref(state, group)
        raise source.error('invalid group reference %d' % group, len(escape) - 1)
    if len(escape) == 2 and c in _ASCIILETTERS:
        raise source.error('bad escape %s' % escape, len(escape))
    return ['lit', _char(ord(escape[1])), 1, 1]


def _groupref(state, group):
    width = state.groupwidths[group]
    return ['ref', '\\g{%d}' % group, width[0], width[1]]


def _parse_sub(source, state, verbose, nested):
    # An alternation: a|b|c.
    items = []
    while True:
        items.append(_parse(source, state, verbose, nested + 1, not nested and not items))
        if not source.match('|'):
            break
        if not nested:
            verbose = state.flags & _VERBOSE
    if len(items) == 1:
        return items[0]
    lo = min(item[1] for item in items)
    hi = max(item[2] for item in items)
    return ['|'.join(item[0] for item in items), lo, hi]


def _parse_set(source, state):
    here = source.tell() - 1
    parts = []
    count = 0
    negate = source.match('^')
    while True:
        this = source.get()
        if this is None:
            raise source.error('unterminated character set', source.tell() - here)
        if this == ']' and count:
            break
        if this[0] == '\\':
            code1 = _class_escape(source, this, state)
        else:
            code1 = ('lit', ord(this))
        count += 1
        if source.match('-'):
            that = source.get()
            if that is None:
                raise source.error('unterminated character set', source.tell() - here)
            if that == ']':
                parts.append(_set_part(code1, state))
                parts.append('\\x{2d}')
                break
            if that[0] == '\\':
                code2 = _class_escape(source, that, state)
            else:
                code2 = ('lit', ord(that))
            if code1[0] != 'lit' or code2[0] != 'lit' or code2[1] < code1[1]:
                raise source.error('bad character range %s-%s' % (this, that), len(this) + 1 + len(that))
            parts.append('\\x{%x}-\\x{%x}' % (code1[1], code2[1]))
        else:
            parts.append(_set_part(code1, state))
    return ['set', ('[^' if negate else '[') + ''.join(parts) + ']', 1, 1]


def _set_part(code, state):
    if code[0] == 'lit':
        return '\\x{%x}' % code[1]
    return _category(code[1], state, True)


def _parse_repeat(source, subpattern, this):
    # A quantifier after the last item: returns False when `{` turns out to be a literal.
    here = source.tell()
    if this == '?':
        lo, hi = 0, 1
    elif this == '*':
        lo, hi = 0, _MAXREPEAT
    elif this == '+':
        lo, hi = 1, _MAXREPEAT
    else:
        if source.next == '}':
            return False
        lo, hi = 0, _MAXREPEAT
        low = high = ''
        while source.next is not None and source.next in _DIGITS:
            low += source.get()
        if source.match(','):
            while source.next is not None and source.next in _DIGITS:
                high += source.get()
        else:
            high = low
        if not source.match('}'):
            source.seek(here)
            return False
        if low:
            lo = int(low)
            if lo >= _MAXREPEAT:
                raise OverflowError('the repetition number is too large')
        if high:
            hi = int(high)
            if hi >= _MAXREPEAT:
                raise OverflowError('the repetition number is too large')
            if hi < lo:
                raise source.error('min repeat greater than max repeat', source.tell() - here)
    item = subpattern[-1] if subpattern else None
    if item is None or item[0] == 'at':
        raise source.error('nothing to repeat', source.tell() - here + len(this))
    if item[0] == 'repeat':
        raise source.error('multiple repeat', source.tell() - here + len(this))
    if lo > _PCRE2_MAX_COUNT or (hi != _MAXREPEAT and hi > _PCRE2_MAX_COUNT):
        _re.unsupported('a repeat count above %d in a regular expression' % _PCRE2_MAX_COUNT)
    if hi == _MAXREPEAT:
        quantifier = '*' if lo == 0 else '+' if lo == 1 else '{%d,}' % lo
    elif lo == 0 and hi == 1:
        quantifier = '?'
    elif lo == hi:
        quantifier = '{%d}' % lo
    else:
        quantifier = '{%d,%d}' % (lo, hi)
    if source.match('?'):
        quantifier += '?'
    elif source.match('+'):
        quantifier += '+'
    text = item[1]
    if item[0] not in ('lit', 'set', 'any', 'group', 'ref'):
        text = '(?:' + text + ')'
    width_hi = _MAXREPEAT if hi == _MAXREPEAT else item[3] * hi
    subpattern[-1] = ['repeat', text + quantifier, item[2] * lo, min(width_hi, _MAXREPEAT)]
    return True


def _parse_flags(source, state, char):
    add_flags = 0
    del_flags = 0
    if char != '-':
        while True:
            flag = _INLINE_FLAGS[char]
            if char == 'L':
                raise source.error("bad inline flags: cannot use 'L' flag with a str pattern")
            add_flags |= flag
            if (flag & _TYPE_FLAGS) and (add_flags & _TYPE_FLAGS) != flag:
                raise source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible")
            char = source.get()
            if char is None:
                raise source.error('missing -, : or )')
            if char in ')-:':
                break
            if char not in _INLINE_FLAGS:
                raise source.error('unknown flag' if char.isalpha() else 'missing -, : or )', len(char))
    if char == ')':
        state.flags |= add_flags
        return None
    if add_flags & _GLOBAL_FLAGS:
        raise source.error('bad inline flags: cannot turn on global flag', 1)
    if char == '-':
        char = source.get()
        if char is None:
            raise source.error('missing flag')
        if char not in _INLINE_FLAGS:
            raise source.error('unknown flag' if char.isalpha() else 'missing flag', len(char))
        while True:
            flag = _INLINE_FLAGS[char]
            if flag & _TYPE_FLAGS:
                raise source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'")
            del_flags |= flag
            char = source.get()
            if char is None:
                raise source.error('missing :')
            if char == ':':
                break
            if char not in _INLINE_FLAGS:
                raise source.error('unknown flag' if char.isalpha() else 'missing :', len(char))
    if del_flags & _GLOBAL_FLAGS:
        raise source.error('bad inline flags: cannot turn off global flag', 1)
    if add_flags & del_flags:
        raise source.error('bad inline flags: flag turned on and off', 1)
    return add_flags, del_flags


def _scoped_flags_text(add_flags, del_flags):
    if (add_flags | del_flags) & (_ASCII | _UNICODE):
        _re.unsupported("the inline flags 'a' and 'u' on part of a regular expression")
    on = ''.join(letter for letter, flag in (('i', _IGNORECASE), ('m', _MULTILINE), ('s', _DOTALL)) if add_flags & flag)
    off = ''.join(letter for letter, flag in (('i', _IGNORECASE), ('m', _MULTILINE), ('s', _DOTALL)) if del_flags & flag)
    return '(?' + on + ('-' + off if off else '') + ':'


def _parse_group(source, state, verbose, nested, subpattern, first):
    # After '(': appends the group's item, or returns 'global' for global inline flags.
    start = source.tell() - 1
    capture = True
    atomic = False
    name = None
    add_flags = 0
    del_flags = 0
    if source.match('?'):
        char = source.get()
        if char is None:
            raise source.error('unexpected end of pattern')
        if char == 'P':
            if source.match('<'):
                name = source.getuntil('>', 'group name')
                source.checkgroupname(name, 1)
            elif source.match('='):
                name = source.getuntil(')', 'group name')
                source.checkgroupname(name, 1)
                gid = state.groupdict.get(name)
                if gid is None:
                    raise source.error('unknown group name %r' % name, len(name) + 1)
                if not state.checkgroup(gid):
                    raise source.error('cannot refer to an open group', len(name) + 1)
                state.checklookbehindgroup(gid, source)
                subpattern.append(_groupref(state, gid))
                return None
            else:
                char = source.get()
                if char is None:
                    raise source.error('unexpected end of pattern')
                raise source.error('unknown extension ?P' + char, len(char) + 2)
        elif char == ':':
            capture = False
        elif char == '#':
            while True:
                if source.next is None:
                    raise source.error('missing ), unterminated comment', source.tell() - start)
                if source.get() == ')':
                    break
            return None
        elif char in '=!<':
            behind = False
            if char == '<':
                char = source.get()
                if char is None:
                    raise source.error('unexpected end of pattern')
                if char not in '=!':
                    raise source.error('unknown extension ?<' + char, len(char) + 2)
                behind = True
                outer = state.lookbehindgroups
                if outer is None:
                    state.lookbehindgroups = state.groups()
            p = _parse_sub(source, state, verbose, nested + 1)
            if behind:
                if outer is None:
                    state.lookbehindgroups = None
                if p[1] != p[2]:
                    state.lookbehind_error = True
            if not source.match(')'):
                raise source.error('missing ), unterminated subpattern', source.tell() - start)
            opener = '(?<' + char if behind else '(?' + char
            subpattern.append(['assert', opener + p[0] + ')', 0, 0])
            return None
        elif char == '(':
            _parse_conditional(source, state, verbose, nested, subpattern, start)
            return None
        elif char == '>':
            capture = False
            atomic = True
        elif char in _INLINE_FLAGS or char == '-':
            flags = _parse_flags(source, state, char)
            if flags is None:
                if not first or subpattern:
                    raise source.error('global flags not at the start of the expression', source.tell() - start)
                return 'global'
            add_flags, del_flags = flags
            capture = False
        else:
            raise source.error('unknown extension ?' + char, len(char) + 1)
    group = None
    if capture:
        try:
            group = state.opengroup(name)
        except error as err:
            raise source.error(err.msg, len(name) + 1) from None
    sub_verbose = (verbose or (add_flags & _VERBOSE)) and not (del_flags & _VERBOSE)
    p = _parse_sub(source, state, sub_verbose, nested + 1)
    if not source.match(')'):
        raise source.error('missing ), unterminated subpattern', source.tell() - start)
    if group is not None:
        state.closegroup(group, (p[1], p[2]))
        opener = '('
    elif atomic:
        opener = '(?>'
    elif add_flags or del_flags:
        opener = _scoped_flags_text(add_flags & ~_VERBOSE, del_flags & ~_VERBOSE)
    else:
        opener = '(?:'
    subpattern.append(['group', opener + p[0] + ')', p[1], p[2]])
    return None


def _parse_conditional(source, state, verbose, nested, subpattern, start):
    condname = source.getuntil(')', 'group name')
    if condname.isidentifier():
        source.checkgroupname(condname, 1)
        condgroup = state.groupdict.get(condname)
        if condgroup is None:
            raise source.error('unknown group name %r' % condname, len(condname) + 1)
    else:
        if not condname.isdigit():
            raise source.error('bad character in group name %r' % condname, len(condname) + 1)
        condgroup = int(condname)
        if not condgroup:
            raise source.error('bad group number', len(condname) + 1)
        if condgroup not in state.grouprefpos:
            state.grouprefpos[condgroup] = source.tell() - len(condname) - 1
    state.checklookbehindgroup(condgroup, source)
    yes = _parse(source, state, verbose, nested + 1)
    no = None
    if source.match('|'):
        no = _parse(source, state, verbose, nested + 1)
        if source.next == '|':
            raise source.error('conditional backref with more than two branches')
    if not source.match(')'):
        raise source.error('missing ), unterminated subpattern', source.tell() - start)
    text = '(?(%d)%s' % (condgroup, yes[0])
    lo, hi = yes[1], yes[2]
    if no is not None:
        text += '|' + no[0]
        lo, hi = min(lo, no[1]), max(hi, no[2])
    else:
        lo = 0
    subpattern.append(['group', text + ')', lo, hi])


def _parse(source, state, verbose, nested, first=False):
    # A sequence up to '|', ')' or the end: returns [pcre2 text, min width, max width].
    subpattern = []
    while True:
        this = source.next
        if this is None or this == '|' or this == ')':
            break
        source.get()
        if verbose:
            if this in _WHITESPACE:
                continue
            if this == '#':
                while True:
                    this = source.get()
                    if this is None or this == '\n':
                        break
                continue
        if this[0] == '\\':
            subpattern.append(_escape(source, this, state))
        elif this not in _SPECIAL_CHARS:
            subpattern.append(['lit', _char(ord(this)), 1, 1])
        elif this == '[':
            subpattern.append(_parse_set(source, state))
        elif this in _REPEAT_CHARS:
            if not _parse_repeat(source, subpattern, this):
                subpattern.append(['lit', '\\{', 1, 1])
        elif this == '.':
            subpattern.append(['any', '.', 1, 1])
        elif this == '(':
            if _parse_group(source, state, verbose, nested, subpattern, first) == 'global':
                verbose = state.flags & _VERBOSE
        elif this == '^':
            subpattern.append(['at', '^', 0, 0])
        elif this == '$':
            subpattern.append(['at', '$', 0, 0])
    lo = 0
    hi = 0
    for item in subpattern:
        lo += item[2]
        hi += item[3]
    return [''.join(item[1] for item in subpattern), min(lo, _MAXREPEAT), min(hi, _MAXREPEAT)]


def _parse_pattern(pattern, flags):
    source = _Tokenizer(pattern)
    state = _State(flags)
    p = _parse_sub(source, state, flags & _VERBOSE, 0)
    if state.flags & _LOCALE:
        raise ValueError('cannot use LOCALE flag with a str pattern')
    if not state.flags & _ASCII:
        state.flags |= _UNICODE
    elif state.flags & _UNICODE:
        raise ValueError('ASCII and UNICODE flags are incompatible')
    if source.next is not None:
        raise source.error('unbalanced parenthesis')
    for g in state.grouprefpos:
        if g >= state.groups():
            raise error('invalid group reference %d' % g, pattern, state.grouprefpos[g])
    if state.lookbehind_error:
        raise error('look-behind requires fixed-width pattern')
    if state.flags & _DEBUG:
        _re.unsupported('re.DEBUG')
    prefix = ''
    if state.flags & _IGNORECASE:
        prefix += 'i'
    if state.flags & _MULTILINE:
        prefix += 'm'
    if state.flags & _DOTALL:
        prefix += 's'
    text = p[0]
    if prefix:
        text = '(?' + prefix + ')' + text
    return state, text


# ---------------------------------------------------------------- replacement templates

def _parse_template(template, pattern):
    # The replacement string of sub() and expand(): (groups, literals) as CPython's parse_template.
    s = _Tokenizer(template)
    groups = []
    literals = []
    literal = []

    def addgroup(index, pos):
        if index > pattern.groups:
            raise s.error('invalid group reference %d' % index, pos)
        if literal:
            literals.append(''.join(literal))
            literal.clear()
        groups.append((len(literals), index))
        literals.append(None)

    while True:
        this = s.get()
        if this is None:
            break
        if this[0] == '\\':
            c = this[1]
            if c == 'g':
                if not s.match('<'):
                    raise s.error('missing <')
                name = s.getuntil('>', 'group name')
                if name.isidentifier():
                    s.checkgroupname(name, 1)
                    if name not in pattern.groupindex:
                        raise IndexError('unknown group name %r' % name)
                    index = pattern.groupindex[name]
                else:
                    if not name.isdigit():
                        raise s.error('bad character in group name %r' % name, len(name) + 1)
                    index = int(name)
                addgroup(index, len(name) + 1)
            elif c == '0':
                if s.next is not None and s.next in _OCTDIGITS:
                    this += s.get()
                    if s.next is not None and s.next in _OCTDIGITS:
                        this += s.get()
                literal.append(chr(int(this[1:], 8) & 0xff))
            elif c in _DIGITS:
                isoctal = False
                if s.next is not None and s.next in _DIGITS:
                    this += s.get()
                    if c in _OCTDIGITS and this[2] in _OCTDIGITS and s.next is not None and s.next in _OCTDIGITS:
                        this += s.get()
                        isoctal = True
                        code = int(this[1:], 8)
                        if code > 0o377:
                            raise s.error('octal escape value %s outside of range 0-0o377' % this, len(this))
                        literal.append(chr(code))
                if not isoctal:
                    addgroup(int(this[1:]), len(this) - 1)
            else:
                if this in _ESCAPES:
                    this = chr(_ESCAPES[this])
                elif c in _ASCIILETTERS:
                    raise s.error('bad escape %s' % this, len(this))
                literal.append(this)
        else:
            literal.append(this)
    if literal:
        literals.append(''.join(literal))
    return groups, literals


def _expand_template(template, match):
    groups, literals = template
    literals = literals[:]
    for index, group in groups:
        literals[index] = match.group(group) or ''
    return ''.join(literals)


# ---------------------------------------------------------------- Pattern and Match

_ANCHORED = 1
_FULL = 2
_NOT_EMPTY_AT_START = 4


def _check_string(string):
    if not isinstance(string, str):
        if isinstance(string, (bytes, bytearray)):
            raise TypeError('cannot use a string pattern on a bytes-like object')
        raise TypeError("expected string or bytes-like object, got '%s'" % type(string).__name__)


def _bounds(string, pos, endpos):
    n = len(string)
    if pos < 0:
        pos = 0
    elif pos > n:
        pos = n
    if endpos < 0:
        endpos = 0
    elif endpos > n:
        endpos = n
    return pos, endpos


class Pattern:
    def __init__(self, pattern, flags, state, code):
        self.pattern = pattern
        self.flags = state.flags
        self.groups = state.groups() - 1
        self.groupindex = _MappingProxy(dict(state.groupdict))
        self._names = {gid: name for name, gid in state.groupdict.items()}
        self._parents = state.parents
        self._code = code
        self._templates = {}

    def __repr__(self):
        flags = self.flags
        if flags & (_LOCALE | _UNICODE | _ASCII) == _UNICODE:
            flags &= ~_UNICODE
        names = []
        for flag, name in _FLAG_NAMES:
            if flags & flag:
                names.append('re.' + name)
                flags &= ~flag
        if flags:
            names.append(hex(flags))
        text = repr(self.pattern)[:200]
        if names:
            return 're.compile(%s, %s)' % (text, '|'.join(names))
        return 're.compile(%s)' % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _search(self, string, pos, endpos, mode):
        _check_string(string)
        pos, endpos = _bounds(string, pos, endpos)
        if endpos < pos:
            return None
        spans = _re.search(self._code, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, pos, endpos, spans)

    def match(self, string, pos=0, endpos=9223372036854775807):
        return self._search(string, pos, endpos, _ANCHORED)

    def fullmatch(self, string, pos=0, endpos=9223372036854775807):
        return self._search(string, pos, endpos, _FULL)

    def search(self, string, pos=0, endpos=9223372036854775807):
        return self._search(string, pos, endpos, 0)

    def _matches(self, string, pos, endpos, limit):
        # The successive matches of finditer, findall, sub and split, found one at a time (a
        # loop that stops early pays for no more): after an empty match the next may not be
        # empty at the same place, as _sre's must_advance. A bad argument is refused at once.
        _check_string(string)
        pos, endpos = _bounds(string, pos, endpos)
        return self._each_match(string, pos, endpos, limit)

    def _each_match(self, string, pos, endpos, limit):
        found = 0
        mode = 0
        while pos <= endpos and (not limit or found < limit):
            spans = _re.search(self._code, string, pos, endpos, mode)
            if spans is None:
                break
            found += 1
            yield spans
            mode = _NOT_EMPTY_AT_START if spans[0] == spans[1] else 0
            pos = spans[1]

    def finditer(self, string, pos=0, endpos=9223372036854775807):
        start, end = _bounds(string, pos, endpos) if isinstance(string, str) else (pos, endpos)
        return (Match(self, string, start, end, spans) for spans in self._matches(string, pos, endpos, 0))

    def findall(self, string, pos=0, endpos=9223372036854775807):
        result = []
        for spans in self._matches(string, pos, endpos, 0):
            if self.groups == 0:
                result.append(string[spans[0]:spans[1]])
            elif self.groups == 1:
                result.append(string[spans[2]:spans[3]] if spans[2] >= 0 else '')
            else:
                result.append(tuple(string[spans[2 * g]:spans[2 * g + 1]] if spans[2 * g] >= 0 else ''
                                    for g in range(1, self.groups + 1)))
        return result

    def split(self, string, maxsplit=0):
        if maxsplit < 0:
            return [string] if isinstance(string, str) else _check_string(string)
        result = []
        last = 0
        for spans in self._matches(string, 0, len(string) if isinstance(string, str) else 0, maxsplit):
            result.append(string[last:spans[0]])
            for g in range(1, self.groups + 1):
                result.append(string[spans[2 * g]:spans[2 * g + 1]] if spans[2 * g] >= 0 else None)
            last = spans[1]
        result.append(string[last:])
        return result

    def _replacer(self, repl):
        if callable(repl):
            return repl, None
        if not isinstance(repl, str):
            _check_string(repl)
        if '\\' not in repl:
            return None, repl
        template = self._templates.get(repl)
        if template is None:
            template = _parse_template(repl, self)
            self._templates[repl] = template
        if not template[0]:
            return None, ''.join(template[1])
        return (lambda m: _expand_template(template, m)), None

    def subn(self, repl, string, count=0):
        function, literal = self._replacer(repl)
        _check_string(string)
        if count < 0:
            return string, 0
        pieces = []
        last = 0
        n = 0
        for spans in self._matches(string, 0, len(string), count):
            if last < spans[0]:
                pieces.append(string[last:spans[0]])
            if function is None:
                pieces.append(literal)
            else:
                piece = function(Match(self, string, 0, len(string), spans))
                if piece is not None:
                    pieces.append(piece)
            last = spans[1]
            n += 1
        if last < len(string):
            pieces.append(string[last:])
        return ''.join(pieces), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]


class Match:
    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans

    def _index(self, group):
        if isinstance(group, int) and not isinstance(group, bool):
            if 0 <= group <= self.re.groups:
                return group
        elif isinstance(group, str):
            index = self.re.groupindex.get(group)
            if index is not None:
                return index
        raise IndexError('no such group')

    def _group(self, group, default=None):
        i = self._index(group)
        start = self._spans[2 * i]
        if start < 0:
            return default
        return self.string[start:self._spans[2 * i + 1]]

    def group(self, *groups):
        if not groups:
            return self._group(0)
        if len(groups) == 1:
            return self._group(groups[0])
        return tuple(self._group(g) for g in groups)

    def __getitem__(self, group):
        return self._group(group)

    def groups(self, default=None):
        return tuple(self._group(g, default) for g in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._group(index, default) for name, index in self.re.groupindex.items()}

    def start(self, group=0):
        return self._spans[2 * self._index(group)]

    def end(self, group=0):
        return self._spans[2 * self._index(group) + 1]

    def span(self, group=0):
        i = self._index(group)
        return self._spans[2 * i], self._spans[2 * i + 1]

    @property
    def regs(self):
        return tuple((self._spans[2 * i], self._spans[2 * i + 1]) for i in range(self.re.groups + 1))

    @property
    def lastindex(self):
        # The group that closed last: the one ending furthest on; of two ending at the same
        # place, the enclosing one, else the later one in the pattern.
        best = None
        for g in range(1, self.re.groups + 1):
            if self._spans[2 * g] < 0:
                continue
            if best is None or self._spans[2 * g + 1] > self._spans[2 * best + 1]:
                best = g
            elif self._spans[2 * g + 1] == self._spans[2 * best + 1] and not self._encloses(best, g):
                best = g
        return best

    def _encloses(self, outer, inner):
        parents = self.re._parents
        while inner:
            inner = parents[inner]
            if inner == outer:
                return True
        return False

    @property
    def lastgroup(self):
        index = self.lastindex
        if index is None:
            return None
        return self.re._names.get(index)

    def expand(self, template):
        return _expand_template(_parse_template(template, self.re), self)

    def __repr__(self):
        return '<re.Match object; span=(%d, %d), match=%r>' % (self._spans[0], self._spans[1], self.group(0))


Pattern.__module__ = 're'
Match.__module__ = 're'


# ---------------------------------------------------------------- the module functions

_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = int(flags)
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    if not isinstance(pattern, str):
        if isinstance(pattern, (bytes, bytearray)):
            _re.unsupported('a bytes pattern in re')
        raise TypeError('first argument must be string or compiled pattern')
    key = (pattern, flags)
    compiled = _cache.get(key)
    if compiled is None:
        state, text = _parse_pattern(pattern, flags)
        compiled = Pattern(pattern, flags, state, _re.compile(text, not state.flags & _ASCII))
        if len(_cache) >= _MAXCACHE:
            _cache.clear()
        _cache[key] = compiled
    return compiled


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def purge():
    _cache.clear()


_SPECIAL = {c: '\\' + c for c in '()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c'}


def escape(pattern):
    if not isinstance(pattern, str):
        _re.unsupported('re.escape() of bytes')
    return ''.join(_SPECIAL.get(c, c) for c in pattern)


# ---------------------------------------------------------------- the flags

class RegexFlag(_IntFlag):
    """re.I and the rest: ints that print by their module-level names (re.IGNORECASE), as
    CPython's @global_enum makes them print."""
    NOFLAG = 0
    TEMPLATE = T = 1
    IGNORECASE = I = 2
    LOCALE = L = 4
    MULTILINE = M = 8
    DOTALL = S = 16
    UNICODE = U = 32
    VERBOSE = X = 64
    DEBUG = 128
    ASCII = A = 256

    def __repr__(self):
        if self._name_ is None:
            return hex(self._value_)
        return '|'.join(hex(int(part)) if part.isdigit() else 're.' + part for part in self._name_.split('|'))

    __str__ = __repr__

    def __format__(self, spec):
        return format(repr(self), spec)


RegexFlag.__module__ = 're'
NOFLAG = RegexFlag.NOFLAG
TEMPLATE = T = RegexFlag.TEMPLATE
IGNORECASE = I = RegexFlag.IGNORECASE
LOCALE = L = RegexFlag.LOCALE
MULTILINE = M = RegexFlag.MULTILINE
DOTALL = S = RegexFlag.DOTALL
UNICODE = U = RegexFlag.UNICODE
VERBOSE = X = RegexFlag.VERBOSE
DEBUG = RegexFlag.DEBUG
ASCII = A = RegexFlag.ASCII
