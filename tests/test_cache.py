from downhill_engine.cache import Cache
from downhill_engine.results import BlockResult, SessionResult

KEY = "ab" + "0" * 62


def result() -> SessionResult:
    return SessionResult([BlockResult(stdout="hello\n", seconds=0.5)], seconds=0.6)


def test_round_trip(tmp_path):
    cache = Cache(tmp_path)
    cache.put(KEY, result())
    assert cache.get(KEY) == result()
    assert not list(tmp_path.rglob(".tmp-*"))  # the temporary file was renamed into place


def test_corrupt_entry_is_dropped_and_missed(tmp_path):
    cache = Cache(tmp_path)
    cache.put(KEY, result())
    entry = tmp_path / KEY[:2] / f"{KEY}.json"
    entry.write_bytes(entry.read_bytes().replace(b"hello", b"jello"))
    assert cache.get(KEY) is None
    assert not entry.exists()
    assert cache.dropped == [KEY]


def test_truncated_entry_is_dropped(tmp_path):
    cache = Cache(tmp_path)
    cache.put(KEY, result())
    entry = tmp_path / KEY[:2] / f"{KEY}.json"
    entry.write_bytes(entry.read_bytes()[:40])
    assert cache.get(KEY) is None


def test_prune_keeps_only_what_is_used(tmp_path):
    cache = Cache(tmp_path)
    other = "cd" + "1" * 62
    cache.put(KEY, result())
    cache.put(other, result())
    assert cache.prune({KEY}) == 1
    assert cache.keys() == {KEY}
