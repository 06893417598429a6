#!/usr/bin/env bash
# Regenerates the migration being written (the one not yet committed) from the current schema, so several
# people changing tables before a commit end up with one migration. Usage: bash scripts/regen-migration.sh <name>
# Removes every migration file git does not track yet (and its journal entry), then runs drizzle-kit generate.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: regen-migration.sh <name>}"
exec 9>/tmp/gonghui-regen-migration.lock
flock 9
for f in $(git ls-files --others --exclude-standard drizzle/); do
  rm -f "$f"
done
node -e '
const fs = require("node:fs");
const file = "drizzle/meta/_journal.json";
const journal = JSON.parse(fs.readFileSync(file, "utf8"));
journal.entries = journal.entries.filter((e) => fs.existsSync(`drizzle/${e.tag}.sql`));
fs.writeFileSync(file, JSON.stringify(journal, null, 2));
'
npx drizzle-kit generate --name "$name"
