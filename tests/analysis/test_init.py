"""The analysis package re-exports its public names."""

import ocanalysis.analysis as analysis


def test_public_names_resolve():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name
    assert analysis.compare is analysis.peers.compare
    assert analysis.between is analysis.change.between
    assert analysis.classify is analysis.quadrant.classify
    assert analysis.nearest is analysis.similar.nearest
    assert analysis.AuditResult is analysis.audit.AuditResult
