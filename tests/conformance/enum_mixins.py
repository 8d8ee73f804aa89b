# Enums mixed with str and int, as agent SDKs write message roles and priorities: members
# compare, hash and take methods as their values, print as Enum members, and json writes
# their values.
import asyncio
import json
from dataclasses import dataclass, asdict
from enum import Enum, IntEnum, StrEnum, IntFlag, auto


class Role(str, Enum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"


class Priority(int, Enum):
    LOW = 1
    NORMAL = 5
    HIGH = 10


class Status(StrEnum):
    OK = auto()
    FAILED = auto()


class Level(IntEnum):
    DEBUG = 10
    INFO = 20


class Perm(IntFlag):
    READ = auto()
    WRITE = auto()


@dataclass
class Message:
    role: Role
    content: str


print(Role.USER, repr(Role.USER), f"[{Role.USER}]", "%s" % Role.ASSISTANT, format(Role.TOOL, ">10") + "|")
print(Role.USER == "user", "user" == Role.USER, Role.USER != "tool", Role.USER is Role("user"))
print(hash(Role.USER) == hash("user"), {Role.USER: 1}["user"], {"user": 2}[Role.USER], "tool" in {Role.TOOL})
print(Role.USER.upper(), Role.USER.value, Role.USER.name, len(Role.SYSTEM), Role.USER + "!", "to " + Role.TOOL)
print(Role.ASSISTANT.startswith("assi"), Role.USER in ("user", "tool"), Role["TOOL"], list(Role)[:2], len(Role))
print(sorted(Role), min(Role).name, Role.USER < Role.TOOL)
print(Priority.HIGH, repr(Priority.LOW), Priority.LOW < Priority.HIGH, Priority.LOW + Priority.NORMAL, Priority(5))
print(sorted([Priority.HIGH, Priority.LOW, Priority.NORMAL]), Priority.HIGH * 2, f"{Priority.NORMAL}", Priority.LOW == 1)
print(max(Priority).name, int(Priority.NORMAL), [10, 20, 30][Priority.LOW], Priority.HIGH.bit_length())
print(Status.OK, repr(Status.FAILED), f"{Status.OK:>6}", Level.INFO, f"{Level.DEBUG:05d}", Perm.READ | Perm.WRITE)
print(-Level.INFO, Level.INFO / 8, Level.INFO // 3, Level.INFO % 7, abs(Priority.LOW), float(Priority.HIGH), 100 / Priority.HIGH)
print(bool(Priority.LOW), "abc"[Perm.READ], [1, 2, 3][-Perm.WRITE], "x" + Status.OK, Status.OK.upper(), "%s!" % Status.FAILED)
print(isinstance(Role.USER, Role), isinstance(Role.USER, Enum), type(Role.USER).__name__, type(Priority.LOW).__name__)

# json writes each member as its value, as keys too.
print(json.dumps({"role": Role.USER, "priority": Priority.HIGH, Priority.LOW: Role.TOOL}))
print(json.dumps([Status.OK, Level.INFO, Perm.READ | Perm.WRITE, Perm.WRITE]))
print(json.dumps({"status": Status.FAILED, Role.TOOL: "x", "answer": Priority.LOW}, sort_keys=True))
history = [Message(Role.SYSTEM, "be brief"), Message(Role.USER, "hi")]
print(json.dumps([asdict(m) for m in history], indent=2))
loaded = json.loads(json.dumps(asdict(history[1])))
print(loaded, Role(loaded["role"]), Role(loaded["role"]) is Role.USER)

try:
    Role("moderator")
except ValueError as e:
    print("ValueError:", e)
try:
    Priority(3)
except ValueError as e:
    print("ValueError:", e)


def describe(message):
    match message.role:
        case Role.SYSTEM:
            return "instructions"
        case Role.USER | Role.TOOL:
            return f"input from the {message.role.value}"
        case _:
            return "a reply"


async def call_model(message, delay):
    await asyncio.sleep(delay)
    return Message(Role.ASSISTANT, f"re: {message.content}")


async def main():
    queue = asyncio.PriorityQueue()
    for priority, text in [(Priority.LOW, "summarize"), (Priority.HIGH, "urgent"), (Priority.NORMAL, "chat")]:
        await queue.put((-priority, text))
    while not queue.empty():
        priority, text = await queue.get()
        print("next:", Priority(-priority).name, text)
    replies = await asyncio.gather(*(call_model(m, 0.1 * i) for i, m in enumerate(history)))
    for m in history + replies:
        print(f"{m.role.value:>9}: {m.content} ({describe(m)})")
    counts = {}
    for m in history + replies:
        counts[m.role] = counts.get(m.role, 0) + 1
    print({role.value: n for role, n in counts.items()}, counts[Role.USER], counts["assistant"])


asyncio.run(main())
