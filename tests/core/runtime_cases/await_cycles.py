# A task that awaits itself gets a RuntimeError at that await. Two tasks that await each
# other never finish, and cancelling either goes round the cycle: RecursionError, also when
# asyncio.run cancels what is left at its end.
import asyncio

tasks = {}


async def awaits_itself():
    try:
        await asyncio.current_task()
    except RuntimeError as error:
        print("itself:", str(error).split(":")[0])
    return "went on"


async def first():
    print("first waits for second")
    await tasks["second"]


async def second():
    print("second waits for first")
    await tasks["first"]


async def main():
    print(await asyncio.create_task(awaits_itself()))
    tasks["first"] = asyncio.create_task(first())
    tasks["second"] = asyncio.create_task(second())
    await asyncio.sleep(0.1)
    try:
        tasks["first"].cancel()
    except RecursionError:
        print("cancel: RecursionError")
    print("main returns")


try:
    asyncio.run(main())
except RecursionError:
    print("shutdown: RecursionError")
