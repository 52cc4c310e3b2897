"""Reports for the funders (rendicontazione): desk requests counted per month.

``@@rendiconto`` (page) and ``@@rendiconto-csv`` (CSV, or XLSX with
``formato=xlsx``) on ``/Plone/sportelli`` (every desk the user may see) and
on each inbox (that desk).  Modules: ``months`` (parameters, Rome months),
``indexers``/``setup`` (the ``desk_month`` index, the folder's marker),
``counting`` (catalog only, as the user), ``tables`` (labelled rows and
totals, CSV rows), ``chart`` (SVG bar geometry), ``browser`` (the views).
"""
