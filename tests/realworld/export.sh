#!/usr/bin/env bash
# export.sh GITDIR DEST: write the HEAD tree of a bare snapshot into DEST.
# Uses git archive; if the snapshot lacks some blobs (files >= 4 MiB are not stored),
# falls back to writing file by file and lists the skipped paths on stderr.
set -u
g=$1; dest=$2
rm -rf "$dest"; mkdir -p "$dest"
if git --git-dir="$g" archive HEAD 2>/dev/null | tar -x -C "$dest" 2>/dev/null && [ "${PIPESTATUS[0]}" = 0 ]; then exit 0; fi
rm -rf "$dest"; mkdir -p "$dest"
git --git-dir="$g" ls-tree -r -z HEAD | while IFS= read -r -d '' line; do
  meta=${line%%$'\t'*}; path=${line#*$'\t'}
  set -- $meta; mode=$1; type=$2; oid=$3
  [ "$type" = blob ] || continue
  mkdir -p "$dest/$(dirname "$path")"
  if [ "$mode" = 120000 ]; then
    t=$(git --git-dir="$g" cat-file blob "$oid" 2>/dev/null) && ln -s "$t" "$dest/$path"
  elif ! git --git-dir="$g" cat-file blob "$oid" > "$dest/$path" 2>/dev/null; then
    rm -f "$dest/$path"; echo "skipped (not in snapshot): $path" >&2
  fi
done
exit 0
