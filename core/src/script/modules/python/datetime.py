"""datetime, after CPython 3.11's Lib/datetime.py: timedelta, date, datetime and timezone (fixed
offsets). now() and today() read the run's virtual clock (time.time()), in UTC."""
import time as _time

MINYEAR = 1
MAXYEAR = 9999

_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [-1]
_dbm = 0
for _dim in _DAYS_IN_MONTH[1:]:
    _DAYS_BEFORE_MONTH.append(_dbm)
    _dbm += _dim
_MONTHNAMES = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FULLMONTHNAMES = [None, "January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"]
_DAYNAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_FULLDAYNAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_month(year, month):
    return _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))


def _ymd2ord(year, month, day):
    return _days_before_year(year) + _days_before_month(year, month) + day


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    n -= preceding
    return year, month, n + 1


def _check_date_fields(year, month, day):
    for value in (year, month, day):
        if not isinstance(value, int):
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f'year {year} is out of range')
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError('day is out of range for month')


def _check_time_fields(hour, minute, second, microsecond):
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')


def _strftime(fmt, year, month, day, hour, minute, second, microsecond, offset):
    weekday = (_ymd2ord(year, month, day) + 6) % 7
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        if ch != '%' or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        code = fmt[i + 1]
        i += 2
        if code == 'Y':
            out.append('%d' % year)
        elif code == 'y':
            out.append('%02d' % (year % 100))
        elif code == 'm':
            out.append('%02d' % month)
        elif code == 'd':
            out.append('%02d' % day)
        elif code == 'e':
            out.append('%2d' % day)
        elif code == 'H':
            out.append('%02d' % hour)
        elif code == 'I':
            out.append('%02d' % (hour % 12 or 12))
        elif code == 'M':
            out.append('%02d' % minute)
        elif code == 'S':
            out.append('%02d' % second)
        elif code == 'f':
            out.append('%06d' % microsecond)
        elif code == 'p':
            out.append('AM' if hour < 12 else 'PM')
        elif code == 'b' or code == 'h':
            out.append(_MONTHNAMES[month])
        elif code == 'B':
            out.append(_FULLMONTHNAMES[month])
        elif code == 'a':
            out.append(_DAYNAMES[weekday])
        elif code == 'A':
            out.append(_FULLDAYNAMES[weekday])
        elif code == 'w':
            out.append('%d' % ((weekday + 1) % 7))
        elif code == 'u':
            out.append('%d' % (weekday + 1))
        elif code == 'j':
            out.append('%03d' % (_days_before_month(year, month) + day))
        elif code == 'z':
            out.append('' if offset is None else _format_offset(offset, ''))
        elif code == 'Z':
            out.append('' if offset is None else ('UTC' if offset == timedelta(0) else 'UTC' + _format_offset(offset, ':')))
        elif code == 'c':
            out.append('%s %s %2d %02d:%02d:%02d %d' % (_DAYNAMES[weekday], _MONTHNAMES[month], day, hour, minute, second, year))
        elif code == 'x':
            out.append('%02d/%02d/%02d' % (month, day, year % 100))
        elif code == 'X':
            out.append('%02d:%02d:%02d' % (hour, minute, second))
        elif code == 'D':
            out.append('%02d/%02d/%02d' % (month, day, year % 100))
        elif code == 'F':
            out.append('%d-%02d-%02d' % (year, month, day))
        elif code == 'T':
            out.append('%02d:%02d:%02d' % (hour, minute, second))
        elif code == 'R':
            out.append('%02d:%02d' % (hour, minute))
        elif code == '%':
            out.append('%')
        else:
            out.append('%' + code)
    return ''.join(out)


def _format_offset(offset, sep):
    sign = '+'
    if offset.days < 0:
        sign = '-'
        offset = -offset
    hours, rest = divmod(offset.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = '%s%02d%s%02d' % (sign, hours, sep, minutes)
    if seconds or offset.microseconds:
        text += '%s%02d' % (sep, seconds)
        if offset.microseconds:
            text += '.%06d' % offset.microseconds
    return text


class timedelta:
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        d = days + weeks * 7
        whole_days = int(d)
        s = (d - whole_days) * 86400 + seconds + minutes * 60 + hours * 3600
        us = microseconds + milliseconds * 1000
        if isinstance(s, float) or isinstance(us, float):
            total = round(s * 1000000 + us)
        else:
            total = s * 1000000 + us
        extra_days, rest = divmod(total, 86400000000)
        self._days = whole_days + extra_days
        self._seconds, self._microseconds = divmod(rest, 1000000)
        if abs(self._days) > 999999999:
            raise OverflowError(f'days={self._days}; must have magnitude <= 999999999')

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._microseconds

    def total_seconds(self):
        return ((self._days * 86400 + self._seconds) * 10 ** 6 + self._microseconds) / 10 ** 6

    def _to_us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def __repr__(self):
        args = []
        if self._days:
            args.append('days=%d' % self._days)
        if self._seconds:
            args.append('seconds=%d' % self._seconds)
        if self._microseconds:
            args.append('microseconds=%d' % self._microseconds)
        if not args:
            args.append('0')
        return 'datetime.timedelta(%s)' % ', '.join(args)

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self._days:
            s = ('%d day%s, ' % (self._days, 's' if abs(self._days) != 1 else '')) + s
        if self._microseconds:
            s = s + '.%06d' % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(self._days + other._days, self._seconds + other._seconds,
                             self._microseconds + other._microseconds)
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(self._days - other._days, self._seconds - other._seconds,
                             self._microseconds - other._microseconds)
        return NotImplemented

    def __neg__(self):
        return timedelta(-self._days, -self._seconds, -self._microseconds)

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta(self._days * other, self._seconds * other, self._microseconds * other)
        if isinstance(other, float):
            return timedelta(0, 0, round(self._to_us() * other))
        return NotImplemented

    def __rmul__(self, other):
        return self.__mul__(other)

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() / other._to_us()
        if isinstance(other, (int, float)):
            return timedelta(0, 0, round(self._to_us() / other))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() // other._to_us()
        if isinstance(other, int):
            return timedelta(0, 0, self._to_us() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta(0, 0, self._to_us() % other._to_us())
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() == other._to_us()
        return NotImplemented

    def __lt__(self, other):
        return self._to_us() < other._to_us()

    def __le__(self, other):
        return self._to_us() <= other._to_us()

    def __gt__(self, other):
        return self._to_us() > other._to_us()

    def __ge__(self, other):
        return self._to_us() >= other._to_us()

    def __hash__(self):
        return hash((self._days, self._seconds, self._microseconds))

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0


class tzinfo:
    pass


class timezone(tzinfo):
    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('offset must be a timedelta')
        self._offset = offset
        self._name = name

    def utcoffset(self, dt):
        return self._offset

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        if not self._offset:
            return 'UTC'
        return 'UTC' + _format_offset(self._offset, ':')

    def __eq__(self, other):
        return isinstance(other, timezone) and self._offset == other._offset

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is timezone.utc:
            return 'datetime.timezone.utc'
        if self._name is None:
            return f'datetime.timezone({self._offset!r})'
        return f'datetime.timezone({self._offset!r}, {self._name!r})'

    def __str__(self):
        return self.tzname(None)


timezone.utc = timezone(timedelta(0))
UTC = timezone.utc


class date:
    def __init__(self, year, month, day):
        _check_date_fields(year, month, day)
        self._year, self._month, self._day = year, month, day

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d, hh, mm, ss, us = _fields_from_timestamp(t)
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, text):
        if not isinstance(text, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            y, m, d = int(text[0:4]), int(text[5:7]), int(text[8:10])
            if len(text) != 10 or text[4] != '-' or text[7] != '-':
                raise ValueError
        except ValueError:
            raise ValueError(f'Invalid isoformat string: {text!r}') from None
        return cls(y, m, d)

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isoformat(self):
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        return 'datetime.date(%d, %d, %d)' % (self._year, self._month, self._day)

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, 0, 0, 0, 0, None)

    def __format__(self, fmt):
        return self.strftime(fmt) if fmt else str(self)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day)

    def _key(self):
        return (self._year, self._month, self._day)

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._key() == other._key()
        return NotImplemented

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __hash__(self):
        return hash(self._key())

    def __add__(self, other):
        if isinstance(other, timedelta):
            return date.fromordinal(self.toordinal() + other.days)
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return date.fromordinal(self.toordinal() - other.days)
        if isinstance(other, date):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented


def _fields_from_timestamp(t):
    us_total = round(t * 1000000)
    days, rest = divmod(us_total, 86400000000)
    y, m, d = _ord2ymd(days + 719163)
    seconds, us = divmod(rest, 1000000)
    hh, rest = divmod(seconds, 3600)
    mm, ss = divmod(rest, 60)
    return y, m, d, hh, mm, ss, us


class time:
    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_time_fields(hour, minute, second, microsecond)
        self.hour, self.minute, self.second, self.microsecond = hour, minute, second, microsecond
        self.tzinfo = tzinfo

    def isoformat(self, timespec='auto'):
        text = '%02d:%02d:%02d' % (self.hour, self.minute, self.second)
        if self.microsecond:
            text += '.%06d' % self.microsecond
        return text

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        args = [self.hour, self.minute, self.second, self.microsecond]
        while len(args) > 2 and args[-1] == 0:
            args.pop()
        return 'datetime.time(%s)' % ', '.join(map(str, args))

    def strftime(self, fmt):
        return _strftime(fmt, 1900, 1, 1, self.hour, self.minute, self.second, self.microsecond, None)


class datetime(date):
    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_date_fields(year, month, day)
        _check_time_fields(hour, minute, second, microsecond)
        self._year, self._month, self._day = year, month, day
        self._hour, self._minute, self._second, self._microsecond = hour, minute, second, microsecond
        self._tzinfo = tzinfo

    @property
    def hour(self):
        return self._hour

    @property
    def minute(self):
        return self._minute

    @property
    def second(self):
        return self._second

    @property
    def microsecond(self):
        return self._microsecond

    @property
    def tzinfo(self):
        return self._tzinfo

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        y, m, d, hh, mm, ss, us = _fields_from_timestamp(t)
        return cls(y, m, d, hh, mm, ss, us, tz)

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls.fromtimestamp(t)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def combine(cls, d, t, tzinfo=None):
        return cls(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, tzinfo)

    @classmethod
    def fromisoformat(cls, text):
        if not isinstance(text, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            d = date.fromisoformat(text[:10])
            hh = mm = ss = us = 0
            tz = None
            rest = text[11:]
            if len(text) > 10:
                if text[10] not in 'T ':
                    raise ValueError
                if rest.endswith('Z'):
                    tz = timezone.utc
                    rest = rest[:-1]
                elif len(rest) > 8 and rest[-6] in '+-' and rest[-3] == ':':
                    sign = -1 if rest[-6] == '-' else 1
                    tz = timezone(sign * timedelta(hours=int(rest[-5:-3]), minutes=int(rest[-2:])))
                    rest = rest[:-6]
                hh = int(rest[0:2])
                if len(rest) >= 5:
                    mm = int(rest[3:5])
                if len(rest) >= 8:
                    ss = int(rest[6:8])
                if len(rest) > 9:
                    us = int((rest[9:] + '000000')[:6])
        except (ValueError, IndexError):
            raise ValueError(f'Invalid isoformat string: {text!r}') from None
        return cls(d.year, d.month, d.day, hh, mm, ss, us, tz)

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(self)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def timestamp(self):
        seconds = (self.toordinal() - 719163) * 86400 + self._hour * 3600 + self._minute * 60 + self._second
        offset = self.utcoffset()
        if offset is not None:
            seconds -= offset.days * 86400 + offset.seconds
        return seconds + self._microsecond / 1e6

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoformat(self, sep='T', timespec='auto'):
        text = '%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep)
        if timespec == 'auto':
            timespec = 'microseconds' if self._microsecond else 'seconds'
        if timespec == 'hours':
            text += '%02d' % self._hour
        elif timespec == 'minutes':
            text += '%02d:%02d' % (self._hour, self._minute)
        elif timespec == 'seconds':
            text += '%02d:%02d:%02d' % (self._hour, self._minute, self._second)
        elif timespec == 'milliseconds':
            text += '%02d:%02d:%02d.%03d' % (self._hour, self._minute, self._second, self._microsecond // 1000)
        elif timespec == 'microseconds':
            text += '%02d:%02d:%02d.%06d' % (self._hour, self._minute, self._second, self._microsecond)
        else:
            raise ValueError('Unknown timespec value')
        offset = self.utcoffset()
        if offset is not None:
            text += _format_offset(offset, ':')
        return text

    def __str__(self):
        return self.isoformat(sep=' ')

    def __repr__(self):
        args = [self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond]
        if args[-1] == 0:
            args.pop()
        if args[-1] == 0:
            args.pop()
        text = 'datetime.datetime(%s' % ', '.join(map(str, args))
        if self._tzinfo is not None:
            text += ', tzinfo=%r' % (self._tzinfo,)
        return text + ')'

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, self._hour, self._minute, self._second,
                         self._microsecond, self.utcoffset())

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None,
                tzinfo=True):
        return datetime(self._year if year is None else year, self._month if month is None else month,
                        self._day if day is None else day, self._hour if hour is None else hour,
                        self._minute if minute is None else minute, self._second if second is None else second,
                        self._microsecond if microsecond is None else microsecond,
                        self._tzinfo if tzinfo is True else tzinfo)

    def astimezone(self, tz=None):
        if tz is None:
            tz = timezone.utc
        offset = self.utcoffset() or timedelta(0)
        return (self - offset + tz.utcoffset(None)).replace(tzinfo=tz)

    def _us(self):
        us = ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000 +
              self._microsecond)
        offset = self.utcoffset()
        if offset is not None:
            us -= offset._to_us()
        return us

    def _check_comparable(self, other):
        if (self._tzinfo is None) != (other._tzinfo is None):
            raise TypeError("can't compare offset-naive and offset-aware datetimes")

    def __eq__(self, other):
        if isinstance(other, datetime):
            if (self._tzinfo is None) != (other._tzinfo is None):
                return False
            return self._us() == other._us()
        return NotImplemented

    def __lt__(self, other):
        self._check_comparable(other)
        return self._us() < other._us()

    def __le__(self, other):
        self._check_comparable(other)
        return self._us() <= other._us()

    def __gt__(self, other):
        self._check_comparable(other)
        return self._us() > other._us()

    def __ge__(self, other):
        self._check_comparable(other)
        return self._us() >= other._us()

    def __hash__(self):
        return hash(self._us())

    def __add__(self, other):
        if not isinstance(other, timedelta):
            return NotImplemented
        local = ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000 +
                 self._microsecond + other._to_us())
        days, rest = divmod(local, 86400000000)
        y, m, d = _ord2ymd(days)
        seconds, us = divmod(rest, 1000000)
        hh, rest = divmod(seconds, 3600)
        mm, ss = divmod(rest, 60)
        return datetime(y, m, d, hh, mm, ss, us, self._tzinfo)

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + -other
        if isinstance(other, datetime):
            if (self._tzinfo is None) != (other._tzinfo is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            return timedelta(0, 0, self._us() - other._us())
        return NotImplemented
