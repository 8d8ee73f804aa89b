"""os: the environment and os.path's pure functions only. A script runs with an empty
environment, so that a lesson reads the same on every machine: os.getenv('API_KEY', 'demo')
gives 'demo'."""

import os.path as path

name = 'posix'
sep = '/'
linesep = '\n'
environ = {}


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    environ[key] = value


def unsetenv(key):
    environ.pop(key, None)


def cpu_count():
    return 2


def getpid():
    return 4242
