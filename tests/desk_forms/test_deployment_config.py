"""The rendered zope.conf names the mail queue; the queue follows it."""

from famiguida.desk_forms import mailqueue
from pathlib import Path

import importlib.util
import os


ROOT = Path(__file__).resolve().parents[2]


def load_render():
    spec = importlib.util.spec_from_file_location(
        "render", ROOT / "profiles" / "render.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rendered_zope_conf_names_the_queue(tmp_path):
    render = load_render()
    render.render(
        "filestorage",
        tmp_path / "instance",
        tmp_path / "var",
        "localhost",
        8080,
        2,
        "Plone",
    )
    text = (tmp_path / "instance" / "etc" / "zope.conf").read_text()
    queue = (tmp_path / "var" / "mailqueue").resolve()
    assert f"<product-config famiguida>\n    mail-queue-directory {queue}\n" in text
    assert queue.is_dir()


def test_queue_directory_from_product_config(tmp_path, monkeypatch):
    from App.config import getConfiguration

    config = getConfiguration()
    target = tmp_path / "queue"
    monkeypatch.setattr(
        config,
        "product_config",
        {"famiguida": {"mail-queue-directory": str(target)}},
        raising=False,
    )
    assert mailqueue.queue_directory() == str(target.resolve())
    for sub in ("cur", "new", "tmp"):
        assert (target / sub).is_dir()
    monkeypatch.setattr(config, "product_config", {}, raising=False)
    monkeypatch.setenv(mailqueue.ENVIRONMENT, str(tmp_path / "other"))
    assert mailqueue.queue_directory() == str((tmp_path / "other").resolve())
    assert os.path.isdir(tmp_path / "other" / "new")
