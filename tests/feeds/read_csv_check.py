#!/usr/bin/env python3
"""Reads a CSV feed kbulk wrote with Python's csv module and with pandas and checks both see the same cells,
and that those cells are the NDJSON feed's values where the NDJSON value is a string (null = empty cell).

usage: read_csv_check.py FEED.csv FEED.ndjson [FEED.csv FEED.ndjson ...]
Exit 0: same cells; 1: a difference (printed); 77: pandas is not installed (the test reports a skip).
"""
import csv
import json
import sys


def main():
    try:
        import pandas
    except ImportError:
        print("SKIP: the Python module pandas is missing (apt-get install python3-pandas; scripts/install-deps)")
        return 77
    paths = sys.argv[1:]
    if not paths or len(paths) % 2:
        print(__doc__)
        return 2
    for i in range(0, len(paths), 2):
        rc = check(pandas, paths[i], paths[i + 1])
        if rc:
            print("in %s" % paths[i])
            return rc
    return 0


def check(pandas, csv_path, ndjson_path):

    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, strict=True))
    header, records = rows[0], rows[1:]

    frame = pandas.read_csv(csv_path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig")
    if list(frame.columns) != header:
        print("pandas header %r != csv header %r" % (list(frame.columns), header))
        return 1
    pandas_records = frame.values.tolist()
    if len(pandas_records) != len(records):
        print("pandas read %d rows, csv %d" % (len(pandas_records), len(records)))
        return 1
    for i, (a, b) in enumerate(zip(records, pandas_records)):
        if list(a) != list(b):
            print("row %d: csv %r != pandas %r" % (i + 2, a, b))
            return 1

    with open(ndjson_path, encoding="utf-8") as f:
        objects = [json.loads(line) for line in f if line.strip()]
    if len(objects) != len(records):
        print("ndjson has %d rows, csv %d" % (len(objects), len(records)))
        return 1
    # Companion columns (rich text components, custom searchable values) live inside the element in NDJSON.
    keys = [k for k in header if not k.endswith(".components") and not k.endswith(".searchable_value")]
    compared = 0
    for i, (record, obj) in enumerate(zip(records, objects)):
        if list(obj.keys()) != keys:
            print("row %d: ndjson keys %r != csv columns %r" % (i + 2, list(obj.keys()), keys))
            return 1
        cells = dict(zip(header, record))
        for key in keys:
            value = obj[key]
            if value is None or isinstance(value, str):
                expected = "" if value is None else value
                compared += 1
                if cells[key] != expected:
                    print("row %d column %s: csv %r != ndjson %r" % (i + 2, key, cells[key], expected))
                    return 1
            elif isinstance(value, dict) and key + ".components" in cells:
                compared += 1
                if cells[key] != value["value"]:
                    print("row %d column %s: rich text differs" % (i + 2, key))
                    return 1
            elif isinstance(value, dict) and key + ".searchable_value" in cells:
                compared += 2
                if cells[key] != (value["value"] or "") or \
                        cells[key + ".searchable_value"] != (value["searchable_value"] or ""):
                    print("row %d column %s: csv %r / %r != ndjson %r" %
                          (i + 2, key, cells[key], cells[key + ".searchable_value"], value))
                    return 1
    print("%s: same cells: %d rows, %d columns, %d cells compared with the ndjson feed" % (csv_path, len(records), len(header),
                                                                                       compared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
