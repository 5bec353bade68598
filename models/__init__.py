"""FVS face core: model packs, face analysis (detect → align → quality → embed), templates and
the 1:N gallery.  Pure Python + numpy/onnxruntime/OpenCV/FAISS; holds code, never weights.

What the server uses::

    engine = FaceEngine.load(model_dir)          # or $FVS_MODEL_DIR; MODEL_UNAVAILABLE if broken
    engine.warmup()
    result = engine.analyze(image_bytes)         # FaceResult, or FaceError with a reason code
    stored = Template.from_bytes(model_id, blob)
    score = engine.compare(result, stored)       # MODEL_MISMATCH if the model ids differ
    index = TemplateIndex(engine.model_id, engine.embedding_size)
    index.add(rows); index.identify(result.template, threshold=engine.threshold)
"""

from models.decode import DecodeLimits, decode_image
from models.detection import Face, select_face
from models.engine import FaceEngine, FaceResult
from models.errors import CATALOGUE, FaceError, FaceModelUnavailable, ModelMismatch
from models.gallery import Candidate, DuplicateCheck, Identification, TemplateIndex
from models.manifest import Manifest, builtin_manifests, load_manifest
from models.quality import QualityConfig, QualityMetrics
from models.similarity import Template

__all__ = [
    "CATALOGUE",
    "Candidate",
    "DecodeLimits",
    "DuplicateCheck",
    "Face",
    "FaceEngine",
    "FaceError",
    "FaceModelUnavailable",
    "FaceResult",
    "Identification",
    "Manifest",
    "ModelMismatch",
    "QualityConfig",
    "QualityMetrics",
    "Template",
    "TemplateIndex",
    "builtin_manifests",
    "decode_image",
    "load_manifest",
    "select_face",
]
