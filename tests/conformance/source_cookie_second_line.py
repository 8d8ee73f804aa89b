#!/usr/bin/env python3
# vim: set fileencoding=utf-8 :
"""A cookie on the second line, after a shebang, in the form editors write."""
print("naïve → über", len("naïve → über"))
