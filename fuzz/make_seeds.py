#!/usr/bin/env python3
"""Writes the small seed corpora of the fuzz targets into fuzz/corpus/<target>/ (committed; rerun only to
change them). Archives are built here byte for byte as kbulk writes them (pax tar, trailer index with its
digest), so the archive reader's seeds are intact archives the fuzzer then damages."""
import hashlib, io, json, os, subprocess, tarfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
UUID = "0f9e8f6a-1b2c-4d5e-8f90-123456789abc"


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def compact(obj):
    return json.dumps(obj, separators=(",", ":"))


MANIFEST = compact({"format": "kbulk", "format_version": "1.1",
                    "tool": {"name": "kbulk", "version": "0.1.0", "commit": "seed"},
                    "created_at": "2026-11-30T00:00:00Z", "source": {"environment_id": UUID},
                    "options": {}, "missing": []})
ITEM = compact({"id": UUID, "name": "Home", "codename": "home", "type": {"id": UUID},
                "collection": {"id": "00000000-0000-0000-0000-000000000000"}, "external_id": "home"})
VARIANT = '{"kbulk":{"version":"latest"},"variant":' + compact(
    {"item": {"id": UUID}, "language": {"id": "00000000-0000-0000-0000-000000000000"},
     "elements": [{"element": {"id": UUID}, "value": "<p>Hi</p>", "components": []}],
     "workflow": {"workflow_identifier": {"id": UUID}, "step_identifier": {"id": UUID}}}) + "}"
BLOB = b"hello, fuzzer\n"
BLOB_SHA = hashlib.sha256(BLOB).hexdigest()
ASSET = ('{"kbulk":{"blob":"%s","renditions":[]},"asset":' % BLOB_SHA) + compact(
    {"id": UUID, "file_name": "hello.txt", "title": "Hello", "size": len(BLOB), "type": "text/plain",
     "file_reference": {"id": UUID, "type": "internal"}, "descriptions": []}) + "}"
LANGUAGE = compact({"id": "00000000-0000-0000-0000-000000000000", "name": "English", "codename": "en",
                    "is_active": True, "is_default": True})

ENTRIES = [
    ("kbulk.json", MANIFEST.encode(), None, 1),
    ("model/languages.ndjson", (LANGUAGE + "\n").encode(), "languages", 1),
    ("assets/blobs/sha256/" + BLOB_SHA, BLOB, "blobs", 0),
    ("assets/assets.ndjson", (ASSET + "\n").encode(), "assets", 1),
    ("content/items.ndjson", (ITEM + "\n").encode(), "items", 1),
    ("content/variants.ndjson", (VARIANT + "\n").encode(), "variants", 1),
]


def index_json(entries):
    totals = {}
    digest = hashlib.sha256()
    listed = []
    for path, data, kind, records in entries:
        sha = hashlib.sha256(data).hexdigest()
        listed.append({"path": path, "size": len(data), "records": records, "sha256": sha})
        digest.update(f"entry {path}\t{len(data)}\t{records}\t{sha}\n".encode())
        if kind:
            t = totals.setdefault(kind, {"records": 0, "bytes": 0})
            t["records"] += 1 if kind == "blobs" else records
            t["bytes"] += len(data)
    for kind in sorted(totals):
        digest.update(f"total {kind}\t{totals[kind]['records']}\t{totals[kind]['bytes']}\n".encode())
    return compact({"format": "kbulk-index", "format_version": "1.1", "entries": listed, "totals": totals,
                    "digest": {"algorithm": "sha256", "value": digest.hexdigest()}})


def tar_bytes(entries):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, data, _, _ in entries + [("kbulk.index.json", index_json(entries).encode(), None, 1)]:
            info = tarfile.TarInfo(path)
            info.size, info.mtime, info.mode = len(data), 1764460800, 0o644
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def main():
    full = tar_bytes(ENTRIES)
    small = tar_bytes(ENTRIES[:1] + ENTRIES[4:5])
    zstd = subprocess.run(["zstd", "-q", "-c", "-3"], input=full, capture_output=True, check=True).stdout
    # archive_reader: the first byte chooses the read chunk size.
    put("archive_reader", "tar-full", b"\x00" + full)
    put("archive_reader", "tar-small-chunks", b"\x01" + small)
    put("archive_reader", "zstd-full", b"\x07" + zstd)
    with open(os.path.join(HERE, "..", "build", "seed-sample.tar.zst"), "wb") as f:
        f.write(zstd)
    # ndjson_split: chunk size byte, limit byte, then lines.
    put("ndjson_split", "items", b"\x10\x80" + (ITEM + "\n" + ITEM + "\r\n").encode())
    put("ndjson_split", "partial", b"\x03\x05" + b"{}\n{\"a\":1}")
    # json_scan: key length byte, key, then JSON.
    put("json_scan", "variant", b"\x07variant" + VARIANT.encode())
    put("json_scan", "escapes", b"\x01a" + b'{"a\\"":"x\\\\","a":[{"}":"]"}],"b":tru}')
    put("record_envelope", "variant", VARIANT)
    put("record_envelope", "asset", ASSET)
    put("record_envelope", "asset-partial", '{"kbulk":{"blob":null},"asset":{"id":"x"}}')
    put("manifest_index", "manifest", MANIFEST)
    put("manifest_index", "index", index_json(ENTRIES))
    put("manifest_index", "index-reuse", index_json(ENTRIES[:1])[:-1] +
        ',"missing":[{"kind":"item","object":"x","reason":"gone"}],'
        '"reuse":{"published_versions":1,"published_absences":2,"binaries":3,"requests_saved":4}}')
    # api_response: the first byte picks the parser (0 items page, 1 bare array, 2 object, 3 error, 4 Retry-After).
    put("api_response", "page", b"\x00" + ('{"items":[%s,%s],"pagination":{"continuation_token":"+RID:abc==",'
                                          '"next_page":"https://x/items"}}' % (ITEM, ITEM)).encode())
    put("api_response", "array", b"\x01" + ("[%s]" % LANGUAGE).encode())
    put("api_response", "object", b"\x02" + ITEM.encode())
    put("api_response", "error", b"\x03" + compact(
        {"request_id": "r1", "error_code": 5, "message": "The provided request body is invalid.",
         "validation_errors": [{"message": "Element 'x' is missing", "path": "elements[0]"}]}).encode())
    put("api_response", "retry-seconds", b"\x04120")
    put("api_response", "retry-date", b"\x04Wed, 21 Oct 2015 07:28:00 GMT")
    put("emulator_patch", "type-ops", compact([
        {"op": "addInto", "path": "/elements", "value": {"name": "Body", "type": "rich_text", "codename": "body"}},
        {"op": "replace", "path": "/elements/codename:title/name", "value": "Heading"},
        {"op": "addInto", "path": "/elements/codename:options/options", "value": {"name": "B", "codename": "b"}},
        {"op": "move", "path": "/elements/codename:title", "after": {"codename": "options"}},
        {"op": "remove", "path": "/elements/codename:options/options/codename:a"}]))
    put("emulator_patch", "property-ops", compact([
        {"op": "replace", "property_name": "name", "value": "Deutsch"},
        {"op": "replace", "property_name": "fallback_language", "value": {"codename": "en"}}]))

    # dataops_zip: first byte even = the zip reader, odd = the JSON array splitter (then a chunk size byte).
    fixture = os.path.join(HERE, "..", "tests", "fixtures", "data-ops", "sync_test_source.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(fixture) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name in ["collections.json", "languages.json", "contentItems.json", "metadata.json"]:
            dst.writestr(zipfile.ZipInfo(name, (2024, 9, 20, 12, 19, 0)), src.read(name))
        dst.writestr(zipfile.ZipInfo("assets.json", (2024, 9, 20, 12, 19, 0)), "[]")
    put("dataops_zip", "small-stored", b"\x00" + out.getvalue())
    put("dataops_zip", "array", b"\x01\x07" + ("[%s, %s]" % (ITEM, LANGUAGE)).encode())
    put("csv", "feed", 'codename,title,"rich ""text"""\r\nhome,Home,"<p>a,b</p>"\r\n,,""\n')
    put("csv", "bom", b"\xef\xbb\xbfa;b\rc,d\r")


if __name__ == "__main__":
    main()
