"""clientbase_xl: client-base analytics for sales leads who live in Excel.

The analytics core (:mod:`clientbase_xl.analytics`) is pure: frames in, frames out. Around it:
:mod:`~clientbase_xl.inputs` (the input contract and validation), :mod:`~clientbase_xl.report`
(result tabs as data), :mod:`~clientbase_xl.refresh` (the one orchestrator), and the edges:
:mod:`~clientbase_xl.workbook` (headless files), :mod:`~clientbase_xl.template` and
:mod:`~clientbase_xl.cli`.
"""

__version__ = "0.1.0"
