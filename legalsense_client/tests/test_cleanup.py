import datetime
import os

import pytest

from legalsense_client import cleanup_log_directory

NOW = datetime.datetime(2024, 6, 30, 12, 0, tzinfo=datetime.timezone.utc)
DAY = 24 * 60 * 60


def make_file(path, age_days, text="{}"):
    path.write_text(text)
    moment = NOW.timestamp() - age_days * DAY
    os.utime(path, (moment, moment))
    return path


@pytest.fixture
def log_directory(tmp_path):
    directory = tmp_path / "LegalSense"
    directory.mkdir()
    make_file(directory / "old-1.json", 20)
    make_file(directory / "old-2.json", 16)
    make_file(directory / "recent.json", 14)
    make_file(directory / "old-notes.txt", 40)
    make_file(directory / "old.json.bak", 40)
    make_file(directory / "old.JSON", 40)
    subdirectory = directory / "archive.json"
    subdirectory.mkdir()
    make_file(subdirectory / "inner-old.json", 40)
    os.utime(subdirectory, (NOW.timestamp() - 40 * DAY,) * 2)
    return directory


def test_only_old_json_files_are_removed(log_directory):
    assert cleanup_log_directory(str(log_directory), 15, now=NOW) == 2
    assert sorted(os.listdir(log_directory)) == [
        "archive.json",
        "old-notes.txt",
        "old.JSON",
        "old.json.bak",
        "recent.json",
    ]
    assert (log_directory / "archive.json" / "inner-old.json").exists()


def test_zero_days_removes_nothing(log_directory):
    before = sorted(os.listdir(log_directory))
    assert cleanup_log_directory(str(log_directory), 0, now=NOW) == 0
    assert sorted(os.listdir(log_directory)) == before


def test_the_directory_itself_stays_when_emptied(tmp_path):
    directory = tmp_path / "LegalSense"
    directory.mkdir()
    make_file(directory / "old.json", 30)
    assert cleanup_log_directory(str(directory), 1, now=NOW) == 1
    assert directory.is_dir()
    assert os.listdir(directory) == []


def test_now_may_be_a_timestamp(log_directory):
    assert cleanup_log_directory(str(log_directory), 18, now=NOW.timestamp()) == 1
    assert not (log_directory / "old-1.json").exists()
    assert (log_directory / "old-2.json").exists()


def test_a_missing_directory_is_fine(tmp_path):
    assert cleanup_log_directory(str(tmp_path / "missing"), 15, now=NOW) == 0


def test_negative_days_are_refused(tmp_path):
    with pytest.raises(ValueError):
        cleanup_log_directory(str(tmp_path), -1, now=NOW)


def test_a_linked_json_file_is_not_followed(tmp_path):
    outside = make_file(tmp_path / "precious.json", 99)
    directory = tmp_path / "LegalSense"
    directory.mkdir()
    (directory / "link.json").symlink_to(outside)
    assert cleanup_log_directory(str(directory), 1, now=NOW) == 0
    assert outside.exists()
