#!/usr/bin/env bash
# One-off setup of nbgrader for "Outcomes that matter" on The Littlest JupyterHub (TLJH), run as root on
# the server after TLJH is installed (see solutions/README.md, "A class on The Littlest JupyterHub").
#
#   sudo bash setup.sh /srv/course/outcomes-that-matter trainer1 [trainer2 ...]
#
# COURSE_SRC is a copy of this repository on the server; the trainers are hub user names (TLJH's Unix
# accounts are called jupyter-<name>). Safe to run again.
set -euo pipefail

COURSE_SRC=${1:?give the path of the course repository on the server}
shift
TRAINERS=("$@")
USER_ENV=/opt/tljh/user
EXCHANGE=/srv/nbgrader/exchange

# 1. The course package and its pinned dependencies (the same pins as the repository's `make book`, for
#    Python 3.11.2 to 3.13), in the environment every user server runs in.
if ! "$USER_ENV/bin/python" -c 'import sys; sys.exit(0 if (3, 11, 2) <= sys.version_info[:3] < (3, 14) else 1)'; then
    echo "TLJH's user environment runs Python $("$USER_ENV/bin/python" -V 2>&1); the course needs 3.11.2 to 3.13" >&2
    exit 1
fi
"$USER_ENV/bin/pip" install --no-cache-dir -r "$COURSE_SRC/requirements.txt"
"$USER_ENV/bin/pip" install --no-cache-dir --no-deps "$COURSE_SRC"

# 2. The exchange: one folder every user can write to; the sticky bit stops people deleting or renaming
#    others' folders. The course's own folders in it are made in step 5, owned by the first trainer.
mkdir -p "$EXCHANGE"
chmod 1777 "$EXCHANGE"

# 3. The shared nbgrader settings (course id and exchange) for every user server.
install -D -m 644 "$COURSE_SRC/solutions/deploy/nbgrader_config.py" "$USER_ENV/etc/jupyter/nbgrader_config.py"

# 4. Learners see only "Assignments" and "Validate": the trainer's tools are switched off for everyone...
"$USER_ENV/bin/jupyter" server extension disable --sys-prefix nbgrader.server_extensions.formgrader
"$USER_ENV/bin/jupyter" server extension disable --sys-prefix nbgrader.server_extensions.course_list
"$USER_ENV/bin/jupyter" labextension disable --level=sys_prefix @jupyter/nbgrader:formgrader
"$USER_ENV/bin/jupyter" labextension disable --level=sys_prefix @jupyter/nbgrader:course-list
"$USER_ENV/bin/jupyter" labextension disable --level=sys_prefix @jupyter/nbgrader:create-assignment

# ...and switched back on for each trainer, in their own account only.
for trainer in "${TRAINERS[@]}"; do
    account="jupyter-$trainer"
    if ! id "$account" >/dev/null 2>&1; then
        echo "skipping $trainer: log in to the hub once as $trainer first, then run this again" >&2
        continue
    fi
    sudo -u "$account" -H "$USER_ENV/bin/jupyter" server extension enable --user nbgrader.server_extensions.formgrader
    sudo -u "$account" -H "$USER_ENV/bin/jupyter" server extension enable --user nbgrader.server_extensions.course_list
    sudo -u "$account" -H "$USER_ENV/bin/jupyter" labextension enable --level=user @jupyter/nbgrader:formgrader
    sudo -u "$account" -H "$USER_ENV/bin/jupyter" labextension enable --level=user @jupyter/nbgrader:course-list
    sudo -u "$account" -H "$USER_ENV/bin/jupyter" labextension enable --level=user @jupyter/nbgrader:create-assignment
    # The trainer's course folder, made from the specs (never copy answers/ or solutions/ to learners).
    sudo -u "$account" -H "$USER_ENV/bin/send-outcomes" course init --course-dir "/home/$account/exercises"
done

# 5. The course's folders in the exchange, with nbgrader's modes, owned by the first trainer named (who
#    releases and collects): learners can hand work in to inbound/ but cannot list it, and each submission
#    is closed to other learners. Made now, before any learner logs in, so no learner can make them first.
if [ "${#TRAINERS[@]}" -gt 0 ] && id "jupyter-${TRAINERS[0]}" >/dev/null 2>&1; then
    first="jupyter-${TRAINERS[0]}"
    "$USER_ENV/bin/send-outcomes" course exchange --owner "$first" --course-dir "/home/$first/exercises"
fi

echo "Done. Restart user servers (Control Panel > Stop My Server) so the changes take effect."
