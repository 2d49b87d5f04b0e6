"""Safe saving and loading of a :class:`~govnet.Network` (``.govnet`` files).

The format (version 2; a file without persons, posts or missing dyads is
written as version 1, which govnet 0.2 reads too) is a zip archive holding only JSON and ``.npy``
arrays — never pickle, so loading a crafted file cannot run code:

``manifest.json``
    ``{"format": "govnet-network", "version": 1, "govnet_version": ...,
    "members": {name: {"size": bytes, "sha256": hex}}, "network": {...}}``.
    ``network`` holds the relation specs (name, directed, labels, in order),
    the build options (duplicate and self-loop policies), the tables present
    and the JSON-serialisable ``meta`` entries.
``tables/<table>/schema.json`` and ``tables/<table>/<k>.<part>.npy``
    One table per DataFrame (``actors``, ``ties``, ``duties``, ``meetings``,
    ``persons``, ``posts``, ``missing`` and any DataFrame stored in ``meta``): the row count, the index and each
    column with its pandas dtype. Numbers, booleans, datetimes and timedeltas
    are plain ``.npy`` arrays; strings are UTF-8 bytes plus int64 offsets;
    categoricals are integer codes plus their categories (stored as a column);
    nullable extension dtypes carry a mask; object columns of mixed Python
    scalars (str, int, float, bool, None) are stored as JSON.

Everything needed for an exact round trip is kept: actors and all attribute
columns with their dtypes, tiers, kinds, relation specs, ties with weights and
extra columns, duties, meetings. What is *not* kept: ``meta`` entries that
are neither JSON-serialisable nor DataFrames (dropped with a warning naming
them), ``DataFrame.attrs``, and the layer cache (rebuilt on first use).
Object columns holding other Python objects (Decimal, dates as objects,
custom classes) are refused with an error naming the column, never pickled.

Writing is atomic: the archive goes to a temporary file in the same directory,
is flushed and fsync'ed, then moved over the target with :func:`os.replace`,
so an interrupted save (Ctrl-C, full disk, power cut after the rename's
journal) leaves the old file intact. Saving to a symbolic link follows it: the
link's target is replaced (the temporary file goes to the target's directory)
and the link is kept; loading follows links too. A loaded network passes the
same validators as :meth:`Network.from_frames` (ids, tiers, kinds, duty roles,
repeated duty or meeting rows, text that is not valid Unicode). Loading checks the SHA-256 of every
member, refuses newer format versions with a clear message, refuses archives
whose declared sizes exceed :data:`MAX_TOTAL_BYTES` or whose member count
exceeds :data:`MAX_MEMBERS` (zip bombs), parses ``.npy`` headers before
allocating, and validates the decoded network (ties point at actors, weights
finite and non-negative, tiers known) before returning it.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
import warnings
import zipfile
import zlib
from typing import Any

import numpy as np
import pandas as pd

from govnet._version import __version__
from govnet.errors import FileFormatError, InvalidNetworkError, TooLargeError
from govnet.model.network import Network
from govnet.model.validation import RelationSpec, validate_loaded

__all__ = ["FORMAT_VERSION", "MAX_MEMBERS", "MAX_TOTAL_BYTES", "load", "save"]

FORMAT = "govnet-network"
FORMAT_VERSION = 2
#: Tables a version-1 reader (govnet 0.2) knows; a file holding any other table is
#: written as version 2, so that 0.2 refuses it instead of silently dropping the
#: persons, posts or missing dyads (0.2 ignores tables it does not know).
_V1_TABLES = frozenset({"actors", "ties", "duties", "meetings"})
#: Refuse archives whose members would decompress to more than this (bytes).
MAX_TOTAL_BYTES = 8 * 1024**3
#: Refuse archives with more members than this.
MAX_MEMBERS = 100_000
_MAX_JSON_BYTES = 256 * 1024**2

_CORE_TABLES = ("actors", "ties", "duties", "meetings")


# ---------------------------------------------------------------------------
# Saving


def save(net: Any, path: str | os.PathLike[str], *, compress: bool = True) -> None:
    """Write ``net`` to ``path`` atomically in the govnet format (see module doc).

    Parameters
    ----------
    net : Network
    path : str or path-like
        Target file; conventionally ``*.govnet``. An existing file is
        replaced only once the new one is completely written.
    compress : bool, default True
        Deflate the members (smaller files; ``False`` is faster).

    Raises
    ------
    InvalidNetworkError
        A column holds Python objects the format cannot store without pickle.
    """

    if not isinstance(net, Network):
        raise InvalidNetworkError(f"save expects a govnet.Network, got {type(net).__name__}")
    members: dict[str, bytes] = {}
    tables: dict[str, str] = {}
    for name, frame in (("actors", net._actors), ("ties", net._ties),
                        *net.optional_tables().items()):
        _encode_table(frame, f"tables/{name}", members, what=name)
        tables[name] = f"tables/{name}"
    meta_json: dict[str, Any] = {}
    meta_tables: dict[str, str] = {}
    dropped = []
    for i, (key, value) in enumerate(net.meta.items()):
        if not isinstance(key, str):
            dropped.append(repr(key))
        elif isinstance(value, pd.DataFrame):
            prefix = f"tables/meta{i}"
            _encode_table(value, prefix, members, what=f"meta[{key!r}]")
            meta_tables[key] = prefix
        elif _json_roundtrips(value):
            meta_json[key] = value
        else:
            dropped.append(repr(key))
    if dropped:
        warnings.warn(f"govnet.save: meta entries {', '.join(dropped)} are neither JSON-serialisable "
                      f"nor DataFrames and were not saved", UserWarning, stacklevel=3)

    manifest = {
        "format": FORMAT,
        "version": 1 if set(tables) <= _V1_TABLES else FORMAT_VERSION,
        "govnet_version": __version__,
        "members": {k: {"size": len(v), "sha256": hashlib.sha256(v).hexdigest()}
                    for k, v in members.items()},
        "network": {
            "relations": [{"name": s.name, "directed": s.directed, "label_zh": s.label_zh,
                           "label_en": s.label_en} for s in net._relations.values()],
            "options": dict(net._options),
            "tables": tables,
            "meta": meta_json,
            "meta_tables": meta_tables,
            "meta_order": [k for k in net.meta if isinstance(k, str) and
                           (k in meta_json or k in meta_tables)],
        },
    }
    _atomic_write(os.fspath(path), manifest, members, compress)


def _atomic_write(path: str, manifest: dict[str, Any], members: dict[str, bytes],
                  compress: bool) -> None:
    # A symlink is followed: its target is replaced (atomically, in the target's
    # directory) and the link is kept, as ``open(path, "w")`` would do.
    path = os.path.realpath(path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            with zipfile.ZipFile(fh, "w", compression=method, allowZip64=True) as zf:
                _write_member(zf, "manifest.json",
                              json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
                for name, data in members.items():
                    _write_member(zf, name, data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        # Includes KeyboardInterrupt: never leave a half-written temporary behind.
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dfd)


def _write_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    # Fixed timestamp: the same network gives byte-identical files.
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zf.compression
    # Level 1: most of deflate's gain on numeric columns at a fraction of its time.
    zf.writestr(info, data, compresslevel=1 if zf.compression == zipfile.ZIP_DEFLATED else None)


def _json_roundtrips(value: Any) -> bool:
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
        return json.loads(text) == value or _nan_equal(json.loads(text), value)
    except (TypeError, ValueError, RecursionError):
        return False


def _nan_equal(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isnan(a) and math.isnan(b)
    return False


def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
    return buf.getvalue()


def _encode_table(frame: pd.DataFrame, prefix: str, members: dict[str, bytes], what: str) -> None:
    columns = []
    for k, name in enumerate(frame.columns):
        if not isinstance(name, (str, int)) or isinstance(name, bool):
            raise InvalidNetworkError(f"{what}: column name {name!r} must be a string to be saved")
        columns.append({"name": name, **_encode_column(frame.iloc[:, k], f"{prefix}/c{k}", members,
                                                        f"{what} column {name!r}")})
    index = frame.index
    if isinstance(index, pd.RangeIndex):
        index_spec: dict[str, Any] = {"kind": "range", "start": int(index.start),
                                      "stop": int(index.stop), "step": int(index.step)}
    elif isinstance(index, pd.MultiIndex):
        raise InvalidNetworkError(f"{what}: a MultiIndex cannot be saved; reset_index() first")
    else:
        index_spec = {"kind": "column", **_encode_column(pd.Series(index), f"{prefix}/index",
                                                         members, f"{what} index")}
    index_spec["name"] = index.name if isinstance(index.name, (str, int, type(None))) else str(index.name)
    schema = {"rows": len(frame), "index": index_spec, "columns": columns}
    members[f"{prefix}/schema.json"] = json.dumps(schema, ensure_ascii=False).encode("utf-8")


def _encode_column(col: pd.Series, prefix: str, members: dict[str, bytes],
                   what: str) -> dict[str, Any]:
    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        members[f"{prefix}.codes.npy"] = _npy(col.cat.codes.to_numpy())
        cats = _encode_column(pd.Series(dtype.categories), f"{prefix}.cats", members,
                              f"{what} categories")
        return {"kind": "categorical", "ordered": bool(dtype.ordered), "categories": cats}
    if isinstance(dtype, pd.StringDtype):
        values = col.to_numpy(dtype=object, na_value=None)
        spec = _encode_strings(values, prefix, members, what)
        spec.update({"kind": "string", "storage": dtype.storage,
                     "na": "nan" if _is_nan(dtype.na_value) else "NA"})
        return spec
    if isinstance(dtype, pd.DatetimeTZDtype):
        members[f"{prefix}.npy"] = _npy(col.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())
        return {"kind": "datetimetz", "tz": str(dtype.tz), "unit": dtype.unit}
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iufb" and \
            hasattr(col.array, "_mask"):
        # Nullable Int64 / Float64 / boolean: data plus mask.
        arr = col.array
        members[f"{prefix}.data.npy"] = _npy(np.asarray(arr._data))
        members[f"{prefix}.mask.npy"] = _npy(np.asarray(arr._mask))
        return {"kind": "masked", "dtype": str(dtype)}
    if isinstance(dtype, np.dtype) and dtype.kind in "biufcmM":
        members[f"{prefix}.npy"] = _npy(col.to_numpy())
        return {"kind": "numpy", "dtype": dtype.str}
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        values = col.to_numpy()
        if all(isinstance(v, str) or v is None for v in values):
            spec = _encode_strings(values, prefix, members, what)
            spec["kind"] = "object_str"
            return spec
        encoded = []
        for i, v in enumerate(values):
            encoded.append(_scalar_json(v, what, i))
        members[f"{prefix}.json"] = json.dumps(encoded, ensure_ascii=False).encode("utf-8")
        return {"kind": "object_json"}
    raise InvalidNetworkError(f"{what}: dtype {dtype} cannot be saved in the govnet format; "
                              f"convert it (for example .astype(str))")


def _is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)


def _scalar_json(v: Any, what: str, row: int) -> list[Any]:
    """A tagged JSON value: ["s", str] / ["i", int] / ["f", float-as-repr] / ..."""
    if v is None:
        return ["none"]
    if v is pd.NA:
        return ["na"]
    if isinstance(v, (bool, np.bool_)):
        return ["b", bool(v)]
    if isinstance(v, str):
        return ["s", v]
    if isinstance(v, (int, np.integer)):
        return ["i", str(int(v))]  # as text: exact beyond 2^53
    if isinstance(v, (float, np.floating)):
        return ["f", float(v).hex()]  # exact, NaN and inf included
    raise InvalidNetworkError(
        f"{what}: row {row} holds a {type(v).__name__} ({v!r:.60}), which the govnet format does "
        f"not store (it never pickles); convert the column, e.g. with .astype(str)")


def _encode_strings(values: np.ndarray, prefix: str, members: dict[str, bytes],
                    what: str) -> dict[str, Any]:
    missing = np.array([v is None or _is_nan(v) or v is pd.NA for v in values], dtype=bool)
    parts = [b"" if m else str(v).encode("utf-8", "surrogatepass") for v, m in zip(values, missing)]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    if parts:
        np.cumsum([len(p) for p in parts], out=offsets[1:])
    members[f"{prefix}.utf8"] = b"".join(parts)
    members[f"{prefix}.offsets.npy"] = _npy(offsets)
    if missing.any():
        # Which missing value: None, NaN or pd.NA (object columns keep the difference).
        codes = np.zeros(len(values), dtype=np.uint8)
        for i in np.flatnonzero(missing):
            v = values[i]
            codes[i] = 1 if v is None else (2 if _is_nan(v) else 3)
        members[f"{prefix}.missing.npy"] = _npy(codes)
    return {}


# ---------------------------------------------------------------------------
# Loading


def load(path: str | os.PathLike[str]) -> Any:
    """Read a network written by :func:`save` / :meth:`Network.save`.

    Raises
    ------
    FileFormatError
        Not a govnet file, a newer format version, a checksum mismatch
        (corruption), or inconsistent content; the message says which.
    TooLargeError
        The archive declares more data than :data:`MAX_TOTAL_BYTES` or more
        than :data:`MAX_MEMBERS` members (a zip bomb or a corrupted header).
    """

    p = os.fspath(path)
    if not os.path.exists(p):
        raise FileFormatError(f"no such file: {p}")
    try:
        zf = zipfile.ZipFile(p, "r")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise FileFormatError(f"{p} is not a govnet network file (not a zip archive: {exc})") from None
    with zf:
        reader = _Reader(zf, p)
        manifest = reader.manifest()
        net_spec = manifest.get("network")
        if not isinstance(net_spec, dict):
            raise reader.error("manifest has no 'network' section")
        try:
            tables_spec = dict(net_spec.get("tables", {}))
            actors = reader.table(tables_spec["actors"], "actors")
            ties = reader.table(tables_spec["ties"], "ties")
            unknown = set(tables_spec) - {"actors", "ties", *Network.OPTIONAL_TABLES}
            if unknown:
                raise reader.error(f"unknown tables {sorted(unknown)} (written by a newer govnet?)")
            optional = {name: reader.table(tables_spec[name], name)
                        for name in Network.OPTIONAL_TABLES if name in tables_spec}
            relations = {}
            for r in net_spec["relations"]:
                spec = RelationSpec(str(r["name"]), bool(r["directed"]), str(r.get("label_zh", "")),
                                    str(r.get("label_en", "")))
                relations[spec.name] = spec
            options = {str(k): str(v) for k, v in dict(net_spec.get("options", {})).items()}
            meta_json = dict(net_spec.get("meta", {}))
            meta_tables = {k: reader.table(v, f"meta[{k!r}]")
                           for k, v in dict(net_spec.get("meta_tables", {})).items()}
            order = list(net_spec.get("meta_order", list(meta_json) + list(meta_tables)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, (FileFormatError, TooLargeError)):
                raise
            raise reader.error(f"malformed network description ({type(exc).__name__}: {exc})") from None
    meta = {k: (meta_tables[k] if k in meta_tables else meta_json[k])
            for k in order if k in meta_tables or k in meta_json}
    try:
        validate_loaded(actors, ties, relations, optional, options)
    except InvalidNetworkError as exc:
        raise FileFormatError(f"{p}: inconsistent network: {exc}") from None
    return Network(actors, ties, relations, meta=meta, options=options, **optional)


class _Reader:
    """Reads and checks members of one archive."""

    def __init__(self, zf: zipfile.ZipFile, path: str) -> None:
        self.zf = zf
        self.path = path
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise TooLargeError(f"{path}: {len(infos)} archive members, more than the limit of "
                                f"{MAX_MEMBERS}")
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES:
            raise TooLargeError(
                f"{path}: the archive declares {total} bytes ({total / 1024**3:.3g} GiB) of "
                f"content, more than the limit of {MAX_TOTAL_BYTES / 1024**3:.3g} GiB")
        self.infos = {i.filename: i for i in infos}
        self.members: dict[str, Any] = {}

    def error(self, message: str) -> FileFormatError:
        return FileFormatError(f"{self.path}: {message}")

    def raw(self, name: str, limit: int = MAX_TOTAL_BYTES) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise self.error(f"member {name!r} is missing")
        if info.file_size > limit:
            raise TooLargeError(f"{self.path}: member {name!r} declares {info.file_size} bytes, "
                                f"more than the limit of {limit}")
        try:
            with self.zf.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise self.error(f"member {name!r} is corrupted ({exc})") from None
        except RuntimeError as exc:  # encrypted members
            raise self.error(f"member {name!r} cannot be read ({exc})") from None
        if len(data) != info.file_size:
            raise self.error(f"member {name!r} has {len(data)} bytes, the archive says {info.file_size}")
        return data

    def manifest(self) -> dict[str, Any]:
        data = self.raw("manifest.json", _MAX_JSON_BYTES) if "manifest.json" in self.infos else None
        if data is None:
            raise self.error("not a govnet network file (no manifest.json)")
        try:
            m = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise self.error(f"manifest.json is not valid JSON ({exc})") from None
        if not isinstance(m, dict) or m.get("format") != FORMAT:
            raise self.error("not a govnet network file (manifest format is not "
                             f"{FORMAT!r})")
        version = m.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.error(f"manifest has an invalid format version {version!r}")
        if version > FORMAT_VERSION:
            raise FileFormatError(
                f"{self.path} uses govnet file format version {version} (written by govnet "
                f"{m.get('govnet_version', '?')}); this govnet reads versions up to "
                f"{FORMAT_VERSION}: upgrade govnet to load it")
        members = m.get("members")
        if not isinstance(members, dict):
            raise self.error("manifest has no member list")
        self.members = members
        unknown = set(self.infos) - set(members) - {"manifest.json"}
        if unknown:
            raise self.error(f"archive members not in the manifest: {sorted(unknown)[:5]}")
        return m

    def member(self, name: str) -> bytes:
        spec = self.members.get(name)
        if not isinstance(spec, dict):
            raise self.error(f"member {name!r} is not listed in the manifest")
        data = self.raw(name)
        if len(data) != spec.get("size") or hashlib.sha256(data).hexdigest() != spec.get("sha256"):
            raise self.error(f"checksum mismatch in member {name!r}: the file is corrupted")
        return data

    def json(self, name: str) -> Any:
        data = self.member(name)
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise self.error(f"{name} is not valid JSON ({exc})") from None

    def npy(self, name: str, rows: int, kinds: str) -> np.ndarray:
        """A 1-d array of ``rows`` items whose dtype kind is in ``kinds``; header checked first."""
        data = self.member(name)
        buf = io.BytesIO(data)
        try:
            major, minor = np.lib.format.read_magic(buf)
            if (major, minor) == (1, 0):
                shape, _, dtype = np.lib.format.read_array_header_1_0(buf)
            elif (major, minor) in ((2, 0), (3, 0)):
                shape, _, dtype = (np.lib.format.read_array_header_2_0(buf) if major == 2
                                   else np.lib.format._read_array_header(buf, (3, 0)))
            else:
                raise ValueError(f"unsupported .npy version {major}.{minor}")
        except (ValueError, SyntaxError, TypeError, EOFError) as exc:
            raise self.error(f"{name} is not a valid .npy array ({exc})") from None
        if dtype.hasobject or dtype.kind not in kinds or dtype.fields is not None:
            raise self.error(f"{name} has dtype {dtype}, expected kind {kinds!r}")
        if shape != (rows,):
            raise self.error(f"{name} has shape {shape}, expected ({rows},)")
        body = data[buf.tell():]
        if len(body) != rows * dtype.itemsize:
            raise self.error(f"{name} holds {len(body)} bytes, expected {rows * dtype.itemsize}")
        return np.frombuffer(body, dtype=dtype).copy()

    def table(self, prefix: Any, what: str) -> pd.DataFrame:
        if not isinstance(prefix, str):
            raise self.error(f"bad table reference for {what}")
        schema = self.json(f"{prefix}/schema.json")
        try:
            rows = schema["rows"]
            if not isinstance(rows, int) or rows < 0:
                raise self.error(f"{what}: bad row count {rows!r}")
            data = {}
            names = []
            for k, col in enumerate(schema["columns"]):
                name = col["name"]
                if not isinstance(name, (str, int)) or name in names:
                    raise self.error(f"{what}: bad or repeated column name {name!r}")
                names.append(name)
                data[k] = self.column(col, f"{prefix}/c{k}", rows, f"{what} column {name!r}")
            ispec = schema["index"]
            if ispec["kind"] == "range":
                index: pd.Index = pd.RangeIndex(int(ispec["start"]), int(ispec["stop"]),
                                                int(ispec["step"]), name=ispec.get("name"))
                if len(index) != rows:
                    raise self.error(f"{what}: index length {len(index)} differs from {rows} rows")
            else:
                index = pd.Index(self.column(ispec, f"{prefix}/index", rows, f"{what} index"),
                                 name=ispec.get("name"))
        except (KeyError, TypeError) as exc:
            raise self.error(f"{what}: malformed table schema ({type(exc).__name__}: {exc})") from None
        frame = pd.DataFrame({k: v.reset_index(drop=True) for k, v in data.items()}, index=None)
        if not data:
            frame = pd.DataFrame(index=pd.RangeIndex(rows))
        frame.columns = pd.Index(names, dtype=object) if names else frame.columns
        if all(isinstance(n, str) for n in names) and names:
            frame.columns = pd.Index(names)
        frame.index = index
        return frame

    def column(self, spec: dict[str, Any], prefix: str, rows: int, what: str) -> pd.Series:
        kind = spec["kind"]
        if kind == "numpy":
            arr = self.npy(f"{prefix}.npy", rows, "biufcmM")
            if arr.dtype.str != spec["dtype"]:
                raise self.error(f"{what}: dtype {arr.dtype.str} differs from the schema's {spec['dtype']}")
            return pd.Series(arr)
        if kind == "categorical":
            codes = self.npy(f"{prefix}.codes.npy", rows, "i")
            cspec = spec["categories"]
            n_cats = self.count_rows(cspec, f"{prefix}.cats")
            cats = self.column(cspec, f"{prefix}.cats", n_cats, f"{what} categories")
            if rows and (codes.min() < -1 or codes.max() >= len(cats)):
                raise self.error(f"{what}: category code out of range")
            try:
                dtype = pd.CategoricalDtype(pd.Index(cats), ordered=bool(spec["ordered"]))
            except (ValueError, TypeError) as exc:
                raise self.error(f"{what}: bad categories ({exc})") from None
            return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype))
        if kind in ("string", "object_str"):
            values = self.strings(prefix, rows, what)
            if kind == "object_str":
                return pd.Series(values, dtype=object)
            na = np.nan if spec.get("na") == "nan" else pd.NA
            storage = spec.get("storage", "python")
            if storage not in ("python", "pyarrow"):
                raise self.error(f"{what}: unknown string storage {storage!r}")
            try:
                dtype = pd.StringDtype(storage=storage, na_value=na)
            except ImportError:  # written with pyarrow, read without it
                dtype = pd.StringDtype(storage="python", na_value=na)
            return pd.Series(values, dtype=dtype)
        if kind == "datetimetz":
            arr = self.npy(f"{prefix}.npy", rows, "M")
            try:
                return pd.Series(arr).dt.tz_localize("UTC").dt.tz_convert(str(spec["tz"]))
            except (KeyError, ValueError, TypeError) as exc:  # unknown time zone names
                raise self.error(f"{what}: bad time zone {spec['tz']!r} ({exc})") from None
        if kind == "masked":
            dtype_name = spec["dtype"]
            allowed = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
                       "Float32", "Float64", "boolean"}
            if dtype_name not in allowed:
                raise self.error(f"{what}: unknown nullable dtype {dtype_name!r}")
            data = self.npy(f"{prefix}.data.npy", rows, "biuf")
            mask = self.npy(f"{prefix}.mask.npy", rows, "b")
            arr = pd.array(data, dtype=dtype_name)
            arr[mask] = pd.NA
            return pd.Series(arr)
        if kind == "object_json":
            values = self.json(f"{prefix}.json")
            if not isinstance(values, list) or len(values) != rows:
                raise self.error(f"{what}: expected a JSON list of {rows} values")
            out = np.empty(rows, dtype=object)
            for i, item in enumerate(values):
                out[i] = self.scalar(item, what, i)
            return pd.Series(out, dtype=object)
        raise self.error(f"{what}: unknown column kind {kind!r}")

    def count_rows(self, spec: dict[str, Any], prefix: str) -> int:
        """Length of a nested column (categories) read from its own arrays."""
        kind = spec.get("kind")
        if kind == "numpy":
            name = f"{prefix}.npy"
        elif kind in ("string", "object_str"):
            name = f"{prefix}.offsets.npy"
        elif kind == "object_json":
            values = self.json(f"{prefix}.json")
            if not isinstance(values, list):
                raise self.error(f"{prefix}: expected a JSON list")
            return len(values)
        else:
            raise self.error(f"{prefix}: categories of kind {kind!r} are not supported")
        data = self.member(name)
        buf = io.BytesIO(data)
        try:
            np.lib.format.read_magic(buf)
            buf.seek(0)
            version = np.lib.format.read_magic(buf)
            shape, _, _ = (np.lib.format.read_array_header_1_0(buf) if version == (1, 0)
                           else np.lib.format.read_array_header_2_0(buf))
        except (ValueError, SyntaxError, TypeError, EOFError) as exc:
            raise self.error(f"{name} is not a valid .npy array ({exc})") from None
        if len(shape) != 1 or not isinstance(shape[0], int):
            raise self.error(f"{name} has shape {shape}")
        return shape[0] - (1 if kind in ("string", "object_str") else 0)

    def strings(self, prefix: str, rows: int, what: str) -> np.ndarray:
        offsets = self.npy(f"{prefix}.offsets.npy", rows + 1, "i")
        blob = self.member(f"{prefix}.utf8")
        if offsets[0] != 0 or offsets[-1] != len(blob) or (np.diff(offsets) < 0).any():
            raise self.error(f"{what}: string offsets are inconsistent")
        try:
            text = blob.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError as exc:
            raise self.error(f"{what}: strings are not valid UTF-8 ({exc})") from None
        out = np.empty(rows, dtype=object)
        if len(text) == len(blob):  # ASCII: byte offsets are character offsets
            for i in range(rows):
                out[i] = text[offsets[i]:offsets[i + 1]]
        else:
            for i in range(rows):
                out[i] = blob[offsets[i]:offsets[i + 1]].decode("utf-8", "surrogatepass")
        if f"{prefix}.missing.npy" in self.members:
            codes = self.npy(f"{prefix}.missing.npy", rows, "u")
            for i in np.flatnonzero(codes):
                out[i] = {1: None, 2: np.nan, 3: pd.NA}.get(int(codes[i]), None)
        return out

    def scalar(self, item: Any, what: str, row: int) -> Any:
        try:
            tag = item[0]
            if tag == "none":
                return None
            if tag == "na":
                return pd.NA
            if tag == "b":
                return bool(item[1])
            if tag == "s":
                return str(item[1])
            if tag == "i":
                text = str(item[1])
                if len(text) > 4300:
                    raise ValueError("integer too long")
                return int(text)
            if tag == "f":
                return float.fromhex(str(item[1]))
        except (IndexError, TypeError, ValueError, OverflowError) as exc:
            raise self.error(f"{what}: bad value in row {row} ({exc})") from None
        raise self.error(f"{what}: unknown value tag in row {row}")
