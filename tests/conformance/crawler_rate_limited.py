"""A rate-limited crawler: a deque frontier, itertools.islice batches, asyncio tasks per batch,
a Counter of status codes and a namedtuple per fetched page."""
import asyncio
import itertools
import time
from collections import Counter, deque, namedtuple

Page = namedtuple("Page", "url status links")
SITE = {
    "/": ["/docs", "/blog", "/about"],
    "/docs": ["/docs/intro", "/docs/api", "/"],
    "/blog": ["/blog/1", "/blog/2", "/blog/3"],
    "/about": [],
    "/docs/intro": ["/docs/api"],
    "/docs/api": ["/docs/api/v2"],
    "/blog/1": ["/blog/2"],
    "/blog/2": [],
    "/blog/3": ["/missing"],
    "/docs/api/v2": [],
}
START = time.perf_counter()
RATE = 4  # requests per batch window
WINDOW = 0.1


async def fetch(url):
    await asyncio.sleep(0.02 + 0.01 * len(url) % 0.05)
    if url not in SITE:
        return Page(url, 404, [])
    return Page(url, 200, SITE[url])


async def crawl(root, limit=20):
    frontier = deque([root])
    seen = {root}
    pages = []
    recent = deque(maxlen=3)
    while frontier and len(pages) < limit:
        batch = list(itertools.islice(frontier, RATE))
        for _ in batch:
            frontier.popleft()
        window_start = time.perf_counter()
        tasks = [asyncio.create_task(fetch(url), name=url) for url in batch]
        for page in await asyncio.gather(*tasks):
            pages.append(page)
            recent.append(page.url)
            for link in page.links:
                if link not in seen:
                    seen.add(link)
                    frontier.append(link)
        print(f"{time.perf_counter() - START:.1f}s batch {batch} -> frontier {len(frontier)}, recent {list(recent)}")
        spent = time.perf_counter() - window_start
        if frontier and spent < WINDOW:
            await asyncio.sleep(WINDOW - spent)
    return pages


async def main():
    pages = await crawl("/")
    statuses = Counter(page.status for page in pages)
    print(statuses, statuses.most_common(1))
    by_depth = Counter(page.url.count("/") for page in pages if page.status == 200)
    print(sorted(by_depth.items()))
    print(max(pages, key=lambda p: len(p.links)))
    print([p.url for p in itertools.islice(sorted(pages), 3)])
    print(f"crawled {len(pages)} pages in {time.perf_counter() - START:.1f}s")


asyncio.run(main())
