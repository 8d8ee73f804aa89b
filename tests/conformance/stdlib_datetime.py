"""datetime: timedelta arithmetic and printing, date and datetime construction, isoformat,
strftime, parsing, and now() (its value differs from run to run, so only its type shows)."""
import datetime
from datetime import date, timedelta, timezone

d = timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=500)
print(d, repr(d), d.days, d.seconds, d.microseconds, d.total_seconds())
print(timedelta(0), repr(timedelta(0)), timedelta(seconds=90), timedelta(hours=-1), repr(timedelta(hours=-1)))
print(timedelta(minutes=1.5), timedelta(weeks=2), timedelta(days=-1, seconds=1), timedelta(microseconds=1))
print(d + timedelta(hours=22), d - timedelta(days=2), d * 2, d / 2, timedelta(hours=3) / timedelta(minutes=30))
print(timedelta(hours=1) // timedelta(minutes=7), timedelta(hours=1) % timedelta(minutes=7), abs(timedelta(-3)))
print(timedelta(seconds=1) < timedelta(seconds=2), timedelta(hours=1) == timedelta(minutes=60), bool(timedelta()))
print(sorted([timedelta(3), timedelta(1), timedelta(2)]), sum([timedelta(1), timedelta(2)], timedelta()))

moment = datetime.datetime(2024, 2, 28, 23, 30, 15, 250000)
print(moment, repr(moment), moment.isoformat(), moment.isoformat(sep=" ", timespec="seconds"))
print(moment + timedelta(hours=1), moment + timedelta(days=2), moment - timedelta(days=60))
print(moment.strftime("%Y-%m-%d %H:%M:%S.%f | %a %A %b %B %j %p %I %y %%"))
print(moment.strftime("%d/%m/%Y"), f"{moment:%H:%M}", moment.date(), moment.time(), moment.weekday())
later = datetime.datetime(2024, 3, 1, 8, 0)
print(later - moment, (later - moment).total_seconds(), later > moment, repr(later))
print(datetime.datetime(2024, 1, 1), repr(datetime.datetime(2024, 1, 1, 12)), datetime.datetime(2024, 1, 1, 0, 0, 1))
print(datetime.datetime.fromisoformat("2024-05-06T07:08:09"), datetime.datetime.fromisoformat("2024-05-06 07:08"))
print(datetime.datetime.fromisoformat("2024-05-06T07:08:09.123+05:30"))
print(datetime.datetime.fromtimestamp(0, timezone.utc), datetime.datetime.fromtimestamp(1700000000.5, tz=timezone.utc))
aware = datetime.datetime(2024, 1, 1, 12, tzinfo=timezone.utc)
print(aware, repr(aware), aware.isoformat(), aware.timestamp(), aware.tzname(), aware.utcoffset())
ist = timezone(timedelta(hours=5, minutes=30))
print(aware.astimezone(ist), ist, repr(timezone.utc))

day = date(2024, 12, 31)
print(day, repr(day), day + timedelta(days=1), day - date(2024, 1, 1), day.weekday(), day.isoweekday())
print(day.strftime("%A %d %B %Y"), date.fromisoformat("2023-07-04"), day.replace(month=6, day=1), day.toordinal())
print(date(2024, 2, 29) + timedelta(days=365), date(2000, 3, 1) - timedelta(days=1), date(1900, 3, 1) - timedelta(days=1))
for bad in [lambda: date(2023, 2, 29), lambda: date(2023, 13, 1), lambda: datetime.datetime(2024, 1, 1, 24)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
now = datetime.datetime.now()
print(isinstance(now, datetime.datetime), isinstance(date.today(), date), now.year >= 2023,
      datetime.datetime.now(timezone.utc).tzinfo is timezone.utc)
