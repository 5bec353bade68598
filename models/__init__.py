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

    # by age band (models.face_policy; bands and validity in models/data/face_policy.json)
    threshold = threshold_for(engine, age_years)             # the band's threshold of this pack
    face_role(engine, age_years)                             # "primary" | "alternative" | "none"
    if template_expired(age_at_enrolment, enrolled_on, service_date):
        raise template_expired_error(age_at_enrolment, enrolled_on)  # FACE_TEMPLATE_EXPIRED
"""

from models.decode import DecodeLimits, decode_image
from models.detection import Face, select_face
from models.engine import FaceEngine, FaceResult
from models.errors import CATALOGUE, FaceError, FaceModelUnavailable, ModelMismatch
from models.face_policy import (
    AgeBand,
    FacePolicy,
    band_for,
    face_role,
    load_face_policy,
    template_expired,
    template_expired_error,
    template_expires_on,
    threshold_for,
)
from models.gallery import Candidate, DuplicateCheck, Identification, TemplateIndex
from models.manifest import Manifest, builtin_manifests, load_manifest
from models.quality import QualityConfig, QualityMetrics
from models.similarity import Template

__all__ = [
    "CATALOGUE",
    "AgeBand",
    "Candidate",
    "DecodeLimits",
    "DuplicateCheck",
    "Face",
    "FaceEngine",
    "FaceError",
    "FaceModelUnavailable",
    "FacePolicy",
    "FaceResult",
    "Identification",
    "Manifest",
    "ModelMismatch",
    "QualityConfig",
    "QualityMetrics",
    "Template",
    "TemplateIndex",
    "band_for",
    "builtin_manifests",
    "decode_image",
    "face_role",
    "load_face_policy",
    "load_manifest",
    "select_face",
    "template_expired",
    "template_expired_error",
    "template_expires_on",
    "threshold_for",
]
