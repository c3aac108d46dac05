"""Read app exports (Strong, Hevy, FitNotes, Fitbod) into canonical log rows.

The modules, in the order an export passes through them:

- :mod:`.table` decodes the file and splits it into rows of text cells with their lines;
- :mod:`.detect` finds the app and dialect from the header and hands the rows to the
  format's module (:mod:`.strong`, :mod:`.hevy`, :mod:`.fitnotes`, :mod:`.fitbod`);
- a format module reads its columns with :mod:`.cells` (numbers, reps, weights and units)
  and builds canonical rows with :mod:`.rows`, which returns a :class:`~.rows.Parsed`: the
  sets, the non-set rows and the rejected rows, each with the line it came from;
- :mod:`.names` resolves the logged exercise names to catalogue exercises.

Start at :func:`backday_analysis.importers.detect.read_export`.
"""
