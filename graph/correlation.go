package graph

import (
	"context"
	"time"

	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
)

// listFirst checks a plain list's first against MaxPage; null reads as def.
func listFirst(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > MaxPage {
		return 0, invalidf("first must be between 0 and %d", MaxPage)
	}
	return *first, nil
}

// linkCursor reads a cursor of Correlation.links: the alert id, and the
// alert's start time as RFC 3339 text (msgpack keeps strings as they are).
func linkCursor(c *ent.Cursor) (*correlate.LinkCursor, error) {
	if c == nil {
		return nil, nil
	}
	s, ok := c.Value.(string)
	t, err := time.Parse(time.RFC3339Nano, s)
	if !ok || err != nil {
		return nil, invalidf("after is not a cursor of these links")
	}
	return &correlate.LinkCursor{Start: t, AlertID: c.ID}, nil
}

// linkConnection reads a page of incident id's links as a connection.
func linkConnection(ctx context.Context, c *ent.Client, id int, first *int, after *ent.Cursor) (*ent.IncidentLinkConnection, error) {
	n, err := listFirst(first, defaultPage)
	if err != nil {
		return nil, err
	}
	from, err := linkCursor(after)
	if err != nil {
		return nil, err
	}
	p, err := correlate.Links(ctx, c, id, n, from)
	if err != nil {
		return nil, err
	}
	conn := &ent.IncidentLinkConnection{Edges: make([]*ent.IncidentLinkEdge, 0, len(p.Links)), TotalCount: p.TotalCount}
	for _, l := range p.Links {
		at := p.Cursor(l)
		conn.Edges = append(conn.Edges, &ent.IncidentLinkEdge{Node: l,
			Cursor: ent.Cursor{ID: at.AlertID, Value: at.Start.UTC().Format(time.RFC3339Nano)}})
	}
	conn.PageInfo.HasNextPage = p.HasNextPage
	conn.PageInfo.HasPreviousPage = after != nil
	if len(conn.Edges) > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[len(conn.Edges)-1].Cursor
	}
	return conn, nil
}
