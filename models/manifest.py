"""Model-pack manifests: which detector and recogniser files a pack holds, how to run them, their
sha256 and licence, and the match thresholds chosen for the recogniser.

A pack is one directory.  ``<dir>/manifest.json`` wins when present; otherwise the built-in
manifest (``models/manifests/*.json``) whose files all exist in the directory is used.  Files are
verified against their sha256 at load; digests are cached by path, size and mtime (in memory and in
``$FVS_CACHE_DIR`` or ``~/.cache/fvs``) so restarts stay fast.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import FaceModelUnavailable

log = logging.getLogger("fvs.face")

BUILTIN_DIR = Path(__file__).resolve().parent / "manifests"
MANIFEST_FILE = "manifest.json"
MODEL_DIR_ENV = "FVS_MODEL_DIR"
DETECTOR_BACKENDS = ("onnxruntime", "opencv_yunet")
RECOGNIZER_BACKENDS = ("onnxruntime", "opencv_dnn")
#: Manifests of other engineers living in the same folder (e.g. liveness) have no "recognizer".
_FACE_PACK_KEYS = ("detector", "recognizer")


@dataclass(frozen=True)
class DetectorSpec:
    """How to run the face detector of a pack."""

    file: str
    backend: str
    input_size: tuple[int, int]  # (width, height) of the full-resolution pass
    score_threshold: float = 0.5
    nms_threshold: float = 0.4
    fast_side: int | None = None  # longest side of a cheaper first pass, None = always full
    sha256: str | None = None


@dataclass(frozen=True)
class RecognizerSpec:
    """How to run the embedding model of a pack."""

    file: str
    backend: str
    embedding_size: int
    input_size: tuple[int, int] = (112, 112)
    mean: float = 127.5
    std: float = 127.5
    color_order: str = "RGB"
    sha256: str | None = None


@dataclass(frozen=True)
class OperatingPoint:
    """A threshold estimated for a target false-accept rate (None when data are too few)."""

    far: float
    threshold: float | None
    estimable: bool
    tar: float | None = None
    false_accepts: int | None = None


@dataclass(frozen=True)
class BandSource:
    """Where a band threshold came from: the data, the pairs, the method and when."""

    dataset: str
    method: str
    date: str
    genuine_pairs: int
    impostor_pairs: int
    estimable: bool  # enough impostor pairs in the band for its FAR target
    fnmr: float | None = None  # at the band threshold, over the band's genuine pairs


@dataclass(frozen=True)
class BandThreshold:
    """The operating threshold of one age band (ages in completed years; ``max_age`` None = no
    upper bound), chosen for a false-accept-rate target."""

    min_age: int
    max_age: int | None
    threshold: float
    far_target: float
    source: BandSource


@dataclass(frozen=True)
class Thresholds:
    """Cosine thresholds of a recogniser and how they were chosen.

    ``verify`` is the global threshold; ``bands`` (optional, contiguous from age 0 with an open
    last band) are the per-age-band operating thresholds (see :mod:`models.face_policy`).
    """

    verify: float
    method: str = ""
    genuine_pairs: int = 0
    impostor_pairs: int = 0
    operating_points: tuple[OperatingPoint, ...] = ()
    note: str = ""
    bands: tuple[BandThreshold, ...] = ()


@dataclass(frozen=True)
class Manifest:
    """A model pack: detector + recogniser + thresholds, resolved against a directory."""

    id: str
    name: str
    licence: str
    detector: DetectorSpec
    recognizer: RecognizerSpec
    thresholds: Thresholds
    directory: Path | None = None
    source: str = ""
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def files(self) -> dict[str, str | None]:
        """File name -> expected sha256 (None when the manifest gives none)."""
        return {
            self.detector.file: self.detector.sha256,
            self.recognizer.file: self.recognizer.sha256,
        }

    def path(self, file: str) -> Path:
        """Absolute path of one of the pack's files."""
        if self.directory is None:
            raise ValueError("manifest is not bound to a directory")
        return self.directory / file


# --- parsing -------------------------------------------------------------------------------------
def _size(value: Any) -> tuple[int, int]:
    if isinstance(value, int):
        return (value, value)
    width, height = value
    return (int(width), int(height))


def parse_manifest(
    data: dict[str, Any], *, directory: Path | None = None, source: str = ""
) -> Manifest:
    """Build a :class:`Manifest` from its JSON form (raises ``MODEL_UNAVAILABLE`` when invalid)."""
    try:
        det, rec, thr = data["detector"], data["recognizer"], data["thresholds"]
        detector = DetectorSpec(
            file=det["file"],
            backend=det["backend"],
            input_size=_size(det["input_size"]),
            score_threshold=float(det.get("score_threshold", 0.5)),
            nms_threshold=float(det.get("nms_threshold", 0.4)),
            fast_side=det.get("fast_side"),
            sha256=det.get("sha256"),
        )
        recognizer = RecognizerSpec(
            file=rec["file"],
            backend=rec["backend"],
            embedding_size=int(rec["embedding_size"]),
            input_size=_size(rec.get("input_size", 112)),
            mean=float(rec.get("mean", 127.5)),
            std=float(rec.get("std", 127.5)),
            color_order=rec.get("color_order", "RGB").upper(),
            sha256=rec.get("sha256"),
        )
        points = tuple(
            OperatingPoint(
                far=float(p["far"]),
                threshold=p.get("threshold"),
                estimable=bool(p.get("estimable", p.get("threshold") is not None)),
                tar=p.get("tar"),
                false_accepts=p.get("false_accepts"),
            )
            for p in thr.get("operating_points", ())
        )
        thresholds = Thresholds(
            verify=float(thr["verify"]),
            method=thr.get("method", ""),
            genuine_pairs=int(thr.get("genuine_pairs", 0)),
            impostor_pairs=int(thr.get("impostor_pairs", 0)),
            operating_points=points,
            note=thr.get("note", ""),
            bands=tuple(_band(b) for b in thr.get("bands", ())),
        )
        manifest = Manifest(
            id=data["id"],
            name=data.get("name", data["id"]),
            licence=data.get("licence", "unknown"),
            detector=detector,
            recognizer=recognizer,
            thresholds=thresholds,
            directory=directory,
            source=source,
            raw=data,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FaceModelUnavailable(
            f"invalid face model manifest {source or '(inline)'}: {exc!r}",
            details={"manifest": source},
        ) from exc
    if detector.backend not in DETECTOR_BACKENDS or recognizer.backend not in RECOGNIZER_BACKENDS:
        raise FaceModelUnavailable(
            f"manifest {source}: unsupported backend (detector {detector.backend!r}, "
            f"recogniser {recognizer.backend!r})",
            details={"manifest": source},
        )
    if recognizer.color_order not in ("RGB", "BGR"):
        raise FaceModelUnavailable(
            f"manifest {source}: color_order must be RGB or BGR", details={"manifest": source}
        )
    problem = band_problem(thresholds.bands)
    if problem:
        raise FaceModelUnavailable(
            f"manifest {source}: thresholds.bands: {problem}", details={"manifest": source}
        )
    return manifest


def _band(data: dict[str, Any]) -> BandThreshold:
    src = data["source"]
    fnmr = src.get("fnmr")
    return BandThreshold(
        min_age=int(data["min_age"]),
        max_age=None if data["max_age"] is None else int(data["max_age"]),
        threshold=float(data["threshold"]),
        far_target=float(data["far_target"]),
        source=BandSource(
            dataset=str(src["dataset"]),
            method=str(src["method"]),
            date=str(src["date"]),
            genuine_pairs=int(src["genuine_pairs"]),
            impostor_pairs=int(src["impostor_pairs"]),
            estimable=bool(src["estimable"]),
            fnmr=None if fnmr is None else float(fnmr),
        ),
    )


def age_ranges_problem(ranges: list[tuple[int, int | None]]) -> str | None:
    """Why age ranges (min, max or None) do not cover every age exactly once, else None: they
    must start at 0, follow each other without gap or overlap and end open (max None)."""
    expected = 0
    for i, (lo, hi) in enumerate(ranges):
        label = f"band {lo}-{'' if hi is None else hi}"
        if lo != expected:
            return f"{label} should start at age {expected}: bands must be contiguous from 0"
        if hi is None and i != len(ranges) - 1:
            return f"{label} is open-ended but is not the last band"
        if hi is not None and hi < lo:
            return f"{label} ends before it starts"
        expected = hi + 1 if hi is not None else -1
    if ranges and ranges[-1][1] is not None:
        return f"the last band ends at {ranges[-1][1]}; it must be open-ended (max_age null)"
    return None


def band_problem(bands: tuple[BandThreshold, ...]) -> str | None:
    """Why a list of band thresholds is invalid (None when valid or empty): the ages as in
    :func:`age_ranges_problem`, cosine thresholds, FAR targets in (0, 1) and a named source."""
    for band in bands:
        label = f"band {band.min_age}-{'' if band.max_age is None else band.max_age}"
        if not -1.0 <= band.threshold <= 1.0:
            return f"{label}: threshold {band.threshold} is not a cosine similarity"
        if not 0.0 < band.far_target < 1.0:
            return f"{label}: far_target {band.far_target} is not in (0, 1)"
        if not (band.source.dataset and band.source.method and band.source.date):
            return f"{label}: source needs dataset, method and date"
    return age_ranges_problem([(b.min_age, b.max_age) for b in bands])


def builtin_manifests() -> list[Manifest]:
    """Every built-in face-pack manifest (sorted by file name)."""
    packs = []
    for path in sorted(BUILTIN_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if all(key in data for key in _FACE_PACK_KEYS):
            packs.append(parse_manifest(data, source=str(path)))
    return packs


def builtin_manifest_path(manifest_id: str) -> Path:
    """The JSON file of a built-in manifest (used by the threshold benchmark to write results)."""
    for path in sorted(BUILTIN_DIR.glob("*.json")):
        if json.loads(path.read_text(encoding="utf-8")).get("id") == manifest_id:
            return path
    raise KeyError(manifest_id)


# --- resolution ----------------------------------------------------------------------------------
def resolve_model_dir(model_dir: str | os.PathLike[str] | None) -> Path:
    """The given directory, else ``$FVS_MODEL_DIR``; raises ``MODEL_UNAVAILABLE`` when neither."""
    value = model_dir if model_dir is not None else os.environ.get(MODEL_DIR_ENV)
    if not value:
        raise FaceModelUnavailable(f"no face model directory is configured ({MODEL_DIR_ENV})")
    path = Path(value).expanduser().resolve()
    if not path.is_dir():
        raise FaceModelUnavailable(
            f"face model directory {path} does not exist", details={"model_dir": str(path)}
        )
    return path


def load_manifest(
    model_dir: str | os.PathLike[str] | None = None, *, verify: bool = True
) -> Manifest:
    """Resolve the pack in ``model_dir`` (or ``$FVS_MODEL_DIR``) and verify its files.

    Raises :class:`FaceModelUnavailable` naming the file and the directory when a file is missing,
    corrupt (sha256 mismatch) or no manifest fits the directory.
    """
    directory = resolve_model_dir(model_dir)
    own = directory / MANIFEST_FILE
    if own.is_file():
        try:
            data = json.loads(own.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FaceModelUnavailable(
                f"cannot read {own}: {exc}", details={"model_dir": str(directory)}
            ) from exc
        manifest = parse_manifest(data, directory=directory, source=str(own))
    else:
        manifest = _pick_builtin(directory)
    if verify:
        verify_files(manifest)
    return manifest


def _pick_builtin(directory: Path) -> Manifest:
    candidates = builtin_manifests()
    best: tuple[int, Manifest] | None = None
    for manifest in candidates:
        present = sum((directory / f).is_file() for f in manifest.files)
        if present == len(manifest.files):
            return _bind(manifest, directory)
        if present and (best is None or present > best[0]):
            best = (present, manifest)
    if best is not None:
        missing = [f for f in best[1].files if not (directory / f).is_file()]
        raise FaceModelUnavailable(
            f"model file {missing[0]} of pack {best[1].id!r} is missing from {directory}",
            details={"model_dir": str(directory), "file": missing[0], "pack": best[1].id},
        )
    expected = "; ".join(f"{m.id}: {' + '.join(m.files)}" for m in candidates)
    raise FaceModelUnavailable(
        f"no {MANIFEST_FILE} and no known model pack in {directory} (expected {expected})",
        details={"model_dir": str(directory)},
    )


def _bind(manifest: Manifest, directory: Path) -> Manifest:
    return Manifest(**{**manifest.__dict__, "directory": directory})


# --- verification --------------------------------------------------------------------------------
def verify_files(manifest: Manifest) -> None:
    """Check that every file of the pack exists and matches its sha256."""
    assert manifest.directory is not None
    for file, expected in manifest.files.items():
        path = manifest.path(file)
        details = {"model_dir": str(manifest.directory), "file": file, "pack": manifest.id}
        if not path.is_file():
            raise FaceModelUnavailable(
                f"model file {file} is missing from {manifest.directory}", details=details
            )
        if expected is None:
            log.warning("model file %s has no sha256 in its manifest; not verified", path)
            continue
        actual = file_sha256(path)
        if actual != expected.lower():
            raise FaceModelUnavailable(
                f"model file {file} in {manifest.directory} is corrupt or not the expected version "
                f"(sha256 {actual[:12]}…, expected {expected[:12]}…)",
                details=details,
            )


class _HashCache:
    """sha256 digests keyed by (absolute path, size, mtime_ns), kept in memory and on disk."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._memory: dict[str, str] = {}
        self._loaded = False

    @staticmethod
    def _file() -> Path:
        base = os.environ.get("FVS_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "fvs"
        )
        return Path(base) / "model-sha256.json"

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            self._memory.update(json.loads(self._file().read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass

    def _save(self) -> None:
        target = self._file()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self._memory, indent=0), encoding="utf-8")
            tmp.replace(target)
        except OSError:
            log.debug("cannot write model hash cache %s", target)

    def digest(self, path: Path) -> str:
        stat = path.stat()
        key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        with self._lock:
            self._load()
            if key in self._memory:
                return self._memory[key]
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        digest = h.hexdigest()
        with self._lock:
            self._memory[key] = digest
            self._save()
        return digest


_CACHE = _HashCache()


def file_sha256(path: Path) -> str:
    """sha256 of a file, cached by path + size + mtime."""
    return _CACHE.digest(path)
