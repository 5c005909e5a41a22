// Stored see-also panels (derived: ranked ahead of time from the graph, see docs/see-also.md), one per entry.
CREATE CONSTRAINT see_also_panel_slug IF NOT EXISTS FOR (p:SeeAlsoPanel) REQUIRE p.slug IS UNIQUE;
