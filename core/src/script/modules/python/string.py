"""string, after CPython 3.11's Lib/string.py: the constants, capwords and Template."""

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


def _is_identifier_start(ch):
    return ch == '_' or ('a' <= ch <= 'z') or ('A' <= ch <= 'Z')


def _is_identifier_char(ch):
    return _is_identifier_start(ch) or ('0' <= ch <= '9')


class Template:
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _invalid(self, index):
        lines = self.template[:index].splitlines(True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = index - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError(f'Invalid placeholder in string: line {lineno}, col {colno}')

    def _render(self, mapping, safe, strict=False):
        text = self.template
        out = []
        i = 0
        n = len(text)
        while i < n:
            ch = text[i]
            if ch != '$':
                j = text.find('$', i)
                if j < 0:
                    j = n
                out.append(text[i:j])
                i = j
                continue
            if i + 1 < n and text[i + 1] == '$':
                out.append('$')
                i += 2
                continue
            if i + 1 < n and text[i + 1] == '{':
                j = i + 2
                if j < n and _is_identifier_start(text[j]):
                    k = j
                    while k < n and _is_identifier_char(text[k]):
                        k += 1
                    if k < n and text[k] == '}':
                        name = text[j:k]
                        if name in mapping:
                            out.append(str(mapping[name]))
                        elif safe:
                            out.append(text[i:k + 1])
                        else:
                            raise KeyError(name)
                        i = k + 1
                        continue
                if safe and not strict:
                    out.append('$')
                    i += 1
                    continue
                self._invalid(i + 1)
            j = i + 1
            if j < n and _is_identifier_start(text[j]):
                k = j
                while k < n and _is_identifier_char(text[k]):
                    k += 1
                name = text[j:k]
                if name in mapping:
                    out.append(str(mapping[name]))
                elif safe:
                    out.append(text[i:k])
                else:
                    raise KeyError(name)
                i = k
                continue
            if safe and not strict:
                out.append('$')
                i += 1
                continue
            self._invalid(i + 1)
        return ''.join(out)

    def _mapping(self, args, kws, method):
        if len(args) > 1:
            raise TypeError(f'Template.{method}() takes from 1 to 2 positional arguments but {len(args) + 1} were given')
        mapping = {}
        if args:
            source = args[0]
            for key in source.keys():
                mapping[key] = source[key]
        mapping.update(kws)
        return mapping

    def substitute(self, *args, **kws):
        return self._render(self._mapping(args, kws, 'substitute'), False)

    def safe_substitute(self, *args, **kws):
        return self._render(self._mapping(args, kws, 'safe_substitute'), True)

    def get_identifiers(self):
        ids = []
        text = self.template
        i = 0
        n = len(text)
        while i < n:
            if text[i] == '$' and i + 1 < n:
                if text[i + 1] == '$':
                    i += 2
                    continue
                j = i + 2 if text[i + 1] == '{' else i + 1
                k = j
                while k < n and _is_identifier_char(text[k]):
                    k += 1
                if k > j and _is_identifier_start(text[j]) and (text[i + 1] != '{' or (k < n and text[k] == '}')):
                    if text[j:k] not in ids:
                        ids.append(text[j:k])
                i = k
                continue
            i += 1
        return ids

    def is_valid(self):
        try:
            self._render({}, True, True)
        except ValueError:
            return False
        return True
