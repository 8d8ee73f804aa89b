"""logging: basicConfig, loggers in a hierarchy, levels, handlers and formatters, from tasks."""
import asyncio
import io
import logging
import sys

logging.basicConfig(stream=sys.stdout, level=logging.INFO,
                    format="%(levelname)-8s %(name)s:%(funcName)s:%(lineno)d %(message)s")
log = logging.getLogger("agent")
log.debug("hidden at INFO")
log.info("starting with %d tools", 3)
log.warning("rate limit at %.1f%%", 87.5)
log.error("tool %s failed: %r", "search", ValueError("timeout"))
log.info("mapping args: %(tool)s -> %(status)s", {"tool": "calc", "status": "ok"})
print(log.getEffectiveLevel(), log.isEnabledFor(logging.DEBUG), log.level, log.parent.name)

child = logging.getLogger("agent.tools.search")
child.info("child inherits the root's handler")
print(child.parent is log, child.getEffectiveLevel(), logging.getLogger("agent") is log)
log.setLevel(logging.WARNING)
child.info("now hidden: agent is at WARNING")
child.warning("still shown")
log.setLevel(logging.NOTSET)

quiet = logging.getLogger("quiet")
quiet.propagate = False
quiet.warning("no handler: the last resort writes this to stderr only")

buffer = io.StringIO()
handler = logging.StreamHandler(buffer)
handler.setFormatter(logging.Formatter("[{levelname}] {name}: {message}", style="{"))
handler.setLevel(logging.ERROR)
audit = logging.getLogger("audit")
audit.addHandler(handler)
audit.propagate = False
audit.warning("below the handler's level")
audit.error("stored in the buffer")
audit.critical("also stored")
print(repr(buffer.getvalue()))



class OneLineErrors(logging.Formatter):
    def formatException(self, ei):
        return f"  caused by {ei[0].__name__}: {ei[1]}"


errors = logging.getLogger("errors")
errors.propagate = False
one_line = logging.StreamHandler(sys.stdout)
one_line.setFormatter(OneLineErrors("%(levelname)s %(message)s"))
errors.addHandler(one_line)
try:
    1 / 0
except ZeroDivisionError:
    errors.exception("division failed")
try:
    {}["key"]
except KeyError as e:
    errors.error("lookup failed", exc_info=e)
    errors.error("no traceback wanted", exc_info=False)
stderr_only = logging.getLogger("stderr_only")
stderr_only.propagate = False
stderr_only.addHandler(logging.StreamHandler())
try:
    raise RuntimeError("to stderr with its traceback")
except RuntimeError:
    stderr_only.exception("failed")
print(logging.getLevelName(logging.WARNING), logging.getLevelName(15), logging.getLevelName("DEBUG"))


def helper():
    log.info("from a helper function")


helper()


async def worker(name, delay):
    wlog = logging.getLogger(f"agent.worker.{name}")
    wlog.info("start")
    await asyncio.sleep(delay)
    wlog.info("done after %.2fs", delay)
    return name


async def main():
    log.info("spawning workers")
    results = await asyncio.gather(worker("a", 0.02), worker("b", 0.01))
    log.info("results: %s", results)


asyncio.run(main())

fmt = logging.Formatter("%(name)s|%(levelno)s|%(module)s|%(filename)s|%(message)s")
record = logging.LogRecord("manual", logging.INFO, "/tmp/x.py", 7, "hello %s", ("world",), None)
print(fmt.format(record))
print(record.getMessage(), record.levelname, record.lineno)
adapter = logging.LoggerAdapter(log, {"request": "r1"})
adapter.info("through an adapter")
logging.info("module-level info")
logging.debug("module-level debug is hidden")
