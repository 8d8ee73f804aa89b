# Makes the installed `awaitscope-record` command from tools/awaitscope_record.py: the same
# script, run by Debian's python3 rather than whichever `python3` is first on the PATH.
# Arguments: IN, OUT.
file(READ "${IN}" text)
string(REGEX REPLACE "^#![^\n]*" "#!/usr/bin/python3" text "${text}")
file(WRITE "${OUT}" "${text}")
file(CHMOD "${OUT}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
