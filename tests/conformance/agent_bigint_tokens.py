# An agent that signs request tokens with modular powers, numbers its jobs with big ids and
# reports factorial and fibonacci sizes of the work it planned.
import asyncio
import math

MODULUS = 2 ** 127 - 1  # a Mersenne prime
SECRET = 0x1F2E3D4C5B6A79880123456789ABCDEF


def sign(payload: str) -> int:
    digest = 0
    for ch in payload:
        digest = (digest * 131 + ord(ch)) % MODULUS
    return pow(digest, SECRET, MODULUS)


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


async def worker(name, jobs, results):
    while jobs:
        job_id, size = jobs.pop(0)
        await asyncio.sleep(0.01 * size)
        token = sign(f"{name}:{job_id}")
        results.append((job_id, name, token % 10 ** 12, math.factorial(size * 10).bit_length()))


async def main():
    base = 10 ** 20
    jobs = [(base + i * 2 ** 66, (i % 3) + 1) for i in range(6)]
    results = []
    await asyncio.gather(worker("alpha", jobs, results), worker("beta", jobs, results))
    for job_id, name, short, bits in sorted(results):
        print(f"job {job_id:,} by {name}: token ...{short:012d}, factorial bits {bits}")
    print("fib(300) =", fib(300))
    print("fib(300) digits:", len(str(fib(300))), "hex tail:", hex(fib(300))[-8:])
    print("comb(200, 100) =", math.comb(200, 100))
    print("perm(30, 20) =", math.perm(30, 20))
    print("gcd =", math.gcd(fib(300), fib(200)), "lcm =", math.lcm(2 ** 70, 3 ** 40))
    print("isqrt(10**40) =", math.isqrt(10 ** 40), math.isqrt(2 ** 127))
    print("factorial(25) =", math.factorial(25), "floor:", math.floor(1e25), math.ceil(-2.5e19))
    ids = {sign(str(i)) for i in range(50)}
    print("distinct tokens:", len(ids), "all below modulus:", all(0 <= t < MODULUS for t in ids))
    # A signature opens with the inverse exponent: the modulus is prime.
    e = 65537
    d = pow(e, -1, MODULUS - 1)
    message = 2 ** 100 + 12345
    print("round trip:", pow(pow(message, e, MODULUS), d, MODULUS) == message, "d bits:", d.bit_length())
    total = sum(fib(n) for n in range(100, 110))
    print("sum of fib(100..109):", total, f"{total:.6e}", total / 10 ** 20)


asyncio.run(main())
