package ingest

import (
	"context"
	"fmt"
	"sort"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/category"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/alertpayload"
	"github.com/vigil-soc/vigil/ent/entity"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store"
)

// chunk bounds the rows of one INSERT: SQLite allows 32,766 parameters a
// statement and an alert row has about 40 columns.
const chunk = 200

// edgeChunk bounds the alert-entity links one statement writes (two
// parameters each): a batch of alerts with many entities, or one alert
// with thousands, is linked in several statements.
const edgeChunk = 5000

type counts struct {
	accepted, updated, duplicates int
	keys                          []string
	changed                       map[string][]int // resource key → ids of the alerts created or updated
	work                          store.Work       // the work items recording the change for correlation
}

// writer does one batch's writes inside tx.
type writer struct {
	tx *ent.Tx
}

// slot is the fate of one system alert id within the batch.
type slot struct {
	id    int    // database id of the stored alert, 0 if new
	hash  string // content hash of the latest version seen (stored or in the batch)
	final *pending
}

func (w *writer) write(ctx context.Context, batch []*pending) (counts, error) {
	var c counts
	ids := make([]string, 0, len(batch))
	for _, p := range batch {
		ids = append(ids, p.alert.SystemAlertID)
	}
	stored, err := w.storedAlerts(ctx, ids)
	if err != nil {
		return c, err
	}
	// A batch may hold several versions of one alert (the 2022-01-01 API
	// example does): the last is what the batch says, so when the stored
	// alert already is the last version, the batch changes nothing for it.
	last := map[string]string{}
	for _, p := range batch {
		last[p.alert.SystemAlertID] = p.hash
	}
	unchanged := map[string]bool{}
	for id, h := range last {
		if st := stored[id]; st != nil && st.hash == h {
			unchanged[id] = true
		}
	}
	slots := map[string]*slot{}
	var order []*slot
	for _, p := range batch {
		if unchanged[p.alert.SystemAlertID] {
			c.duplicates++
			continue
		}
		s := slots[p.alert.SystemAlertID]
		if s == nil {
			s = stored[p.alert.SystemAlertID]
			if s == nil {
				s = &slot{}
			}
			slots[p.alert.SystemAlertID] = s
			order = append(order, s)
		}
		switch {
		case s.hash == p.hash:
			c.duplicates++
		case s.hash == "":
			c.accepted++
			s.hash, s.final = p.hash, p
		default:
			c.updated++
			s.hash, s.final = p.hash, p
		}
	}
	var creates, updates []*slot
	keys := map[string]bool{}
	for _, s := range order {
		if s.final == nil {
			continue
		}
		if s.id == 0 {
			creates = append(creates, s)
		} else {
			updates = append(updates, s)
		}
		if s.final.hasRes {
			keys[s.final.resource.Key] = true
		}
	}
	if len(creates)+len(updates) == 0 {
		return c, nil
	}
	changed := make([]*pending, 0, len(creates)+len(updates))
	for _, s := range append(append([]*slot{}, creates...), updates...) {
		changed = append(changed, s.final)
	}
	resources, err := w.resources(ctx, changed)
	if err != nil {
		return c, err
	}
	entityIDs, err := w.entities(ctx, changed)
	if err != nil {
		return c, err
	}
	if err := w.create(ctx, creates, resources, entityIDs); err != nil {
		return c, err
	}
	// Rows are written in one order, new alerts by system alert id and
	// updates by stored id, so that two ingests of the same alerts wait for
	// each other instead of deadlocking.
	sort.Slice(creates, func(i, j int) bool {
		return creates[i].final.alert.SystemAlertID < creates[j].final.alert.SystemAlertID
	})
	sort.Slice(updates, func(i, j int) bool { return updates[i].id < updates[j].id })
	for _, s := range updates {
		if err := w.update(ctx, s, resources, entityIDs); err != nil {
			return c, err
		}
	}
	for k := range keys {
		c.keys = append(c.keys, k)
	}
	sort.Strings(c.keys)
	if c.work, err = store.MarkWork(ctx, w.tx.Client(), c.keys); err != nil {
		return c, err
	}
	c.changed = map[string][]int{}
	for _, s := range order {
		if s.final != nil && s.final.hasRes {
			k := s.final.resource.Key
			c.changed[k] = append(c.changed[k], s.id)
		}
	}
	return c, nil
}

// storedAlerts returns the stored alerts among ids, by system alert id.
func (w *writer) storedAlerts(ctx context.Context, ids []string) (map[string]*slot, error) {
	out := map[string]*slot{}
	for start := 0; start < len(ids); start += chunk * 4 {
		part := ids[start:min(start+chunk*4, len(ids))]
		var rows []struct {
			ID            int    `json:"id"`
			SystemAlertID string `json:"system_alert_id"`
			ContentHash   string `json:"content_hash"`
		}
		err := w.tx.Alert.Query().
			Where(entalert.SystemAlertIDIn(part...)).
			Select(entalert.FieldID, entalert.FieldSystemAlertID, entalert.FieldContentHash).
			Scan(ctx, &rows)
		if err != nil {
			return nil, fmt.Errorf("looking up stored alerts: %w", err)
		}
		for _, r := range rows {
			out[r.SystemAlertID] = &slot{id: r.ID, hash: r.ContentHash}
		}
	}
	return out, nil
}

// resources makes sure every resource the alerts name exists and returns
// their ids by key. Concurrent ingests may create the same resource: the
// insert skips rows that exist.
func (w *writer) resources(ctx context.Context, batch []*pending) (map[string]int, error) {
	refs := map[string]resourceRef{}
	for _, p := range batch {
		if p.hasRes {
			if _, ok := refs[p.resource.Key]; !ok {
				refs[p.resource.Key] = p.resource
			}
		}
	}
	keys := make([]string, 0, len(refs))
	for k := range refs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := map[string]int{}
	if err := w.resourceIDs(ctx, keys, out); err != nil {
		return nil, err
	}
	var missing []*ent.ResourceCreate
	for _, k := range keys {
		if _, ok := out[k]; ok {
			continue
		}
		r := refs[k]
		missing = append(missing, w.tx.Resource.Create().
			SetKey(r.Key).SetResourceID(r.ResourceID).SetName(r.Name).SetType(r.Type).
			SetCategory(category.Of(r.Type)).SetSubscriptionID(r.SubscriptionID))
	}
	for start := 0; start < len(missing); start += chunk {
		err := w.tx.Resource.CreateBulk(missing[start:min(start+chunk, len(missing))]...).
			OnConflictColumns(resource.FieldKey).DoNothing().Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("creating resources: %w", err)
		}
	}
	if len(missing) > 0 {
		if err := w.resourceIDs(ctx, keys, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (w *writer) resourceIDs(ctx context.Context, keys []string, out map[string]int) error {
	for start := 0; start < len(keys); start += chunk * 4 {
		rs, err := w.tx.Resource.Query().
			Where(resource.KeyIn(keys[start:min(start+chunk*4, len(keys))]...)).
			Select(resource.FieldID, resource.FieldKey).All(ctx)
		if err != nil {
			return fmt.Errorf("looking up resources: %w", err)
		}
		for _, r := range rs {
			out[r.Key] = r.ID
		}
	}
	return nil
}

// entities creates the keyed entities that do not exist yet and returns the
// ids of all keyed entities of the batch, by key.
func (w *writer) entities(ctx context.Context, batch []*pending) (map[string]int, error) {
	first := map[string]*alerts.Entity{}
	var keys []string
	for _, p := range batch {
		for i := range p.alert.Entities {
			e := &p.alert.Entities[i]
			if e.Key != "" && first[e.Key] == nil {
				first[e.Key] = e
				keys = append(keys, e.Key)
			}
		}
	}
	out := map[string]int{}
	lookup := func() error {
		for start := 0; start < len(keys); start += chunk * 4 {
			es, err := w.tx.Entity.Query().
				Where(entity.KeyIn(keys[start:min(start+chunk*4, len(keys))]...)).
				Select(entity.FieldID, entity.FieldKey).All(ctx)
			if err != nil {
				return fmt.Errorf("looking up entities: %w", err)
			}
			for _, e := range es {
				out[*e.Key] = e.ID
			}
		}
		return nil
	}
	if err := lookup(); err != nil {
		return nil, err
	}
	var missing []*ent.EntityCreate
	for _, k := range keys {
		if _, ok := out[k]; ok {
			continue
		}
		e := first[k]
		missing = append(missing, w.tx.Entity.Create().
			SetKind(e.Kind).SetKey(e.Key).SetName(e.Name).SetProperties(e.Properties))
	}
	for start := 0; start < len(missing); start += chunk {
		err := w.tx.Entity.CreateBulk(missing[start:min(start+chunk, len(missing))]...).
			OnConflictColumns(entity.FieldKey).DoNothing().Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("creating entities: %w", err)
		}
	}
	if len(missing) > 0 {
		if err := lookup(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// alertEntities creates the alert's entities that have no strong key (they
// belong to this alert alone) and returns the database id of each of its
// entities, in order.
func (w *writer) alertEntities(ctx context.Context, p *pending, keyed map[string]int) ([]int, error) {
	ids := make([]int, len(p.alert.Entities))
	var bulk []*ent.EntityCreate
	var at []int
	for i, e := range p.alert.Entities {
		if e.Key != "" {
			ids[i] = keyed[e.Key]
			continue
		}
		bulk = append(bulk, w.tx.Entity.Create().SetKind(e.Kind).SetName(e.Name).SetProperties(e.Properties))
		at = append(at, i)
	}
	for start := 0; start < len(bulk); start += chunk {
		created, err := w.tx.Entity.CreateBulk(bulk[start:min(start+chunk, len(bulk))]...).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("creating entities: %w", err)
		}
		for j, e := range created {
			ids[at[start+j]] = e.ID
		}
	}
	return ids, nil
}

// linkRest links the entities of an alert beyond the first edgeChunk, which
// setFields links.
func (w *writer) linkRest(ctx context.Context, alertID int, entityIDs []int) error {
	ids := dedupe(entityIDs)
	for start := edgeChunk; start < len(ids); start += edgeChunk {
		if err := w.tx.Alert.UpdateOneID(alertID).AddEntityIDs(ids[start:min(start+edgeChunk, len(ids))]...).Exec(ctx); err != nil {
			return fmt.Errorf("linking entities: %w", err)
		}
	}
	return nil
}

func (w *writer) create(ctx context.Context, creates []*slot, resources, keyed map[string]int) error {
	for start := 0; start < len(creates); {
		// A part holds at most chunk alerts and edgeChunk entity links:
		// one INSERT writes the links of all its alerts.
		end, links := start, 0
		for end < len(creates) && end-start < chunk {
			n := min(len(creates[end].final.alert.Entities), edgeChunk)
			if end > start && links+n > edgeChunk {
				break
			}
			links += n
			end++
		}
		part := creates[start:end]
		start = end
		builders := make([]*ent.AlertCreate, len(part))
		entityIDs := make([][]int, len(part))
		for i, s := range part {
			ids, err := w.alertEntities(ctx, s.final, keyed)
			if err != nil {
				return err
			}
			b := w.tx.Alert.Create().SetSystemAlertID(s.final.alert.SystemAlertID)
			setFields(b.Mutation(), s.final, resources, ids)
			builders[i], entityIDs[i] = b, ids
		}
		created, err := w.tx.Alert.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return fmt.Errorf("creating alerts: %w", err)
		}
		payloads := make([]*ent.AlertPayloadCreate, len(created))
		for i, a := range created {
			part[i].id = a.ID
			if err := w.linkRest(ctx, a.ID, entityIDs[i]); err != nil {
				return err
			}
			p := part[i].final
			payloads[i] = w.tx.AlertPayload.Create().SetAlertID(a.ID).SetData(p.payload).SetSize(p.size).SetTruncated(p.truncated())
		}
		if err := w.tx.AlertPayload.CreateBulk(payloads...).Exec(ctx); err != nil {
			return fmt.Errorf("storing payloads: %w", err)
		}
	}
	return nil
}

func (w *writer) update(ctx context.Context, s *slot, resources, keyed map[string]int) error {
	// The alert's own unkeyed entities are replaced by the new version's.
	if _, err := w.tx.Entity.Delete().
		Where(entity.KeyIsNil(), entity.HasAlertsWith(entalert.ID(s.id))).Exec(ctx); err != nil {
		return fmt.Errorf("replacing entities: %w", err)
	}
	ids, err := w.alertEntities(ctx, s.final, keyed)
	if err != nil {
		return err
	}
	u := w.tx.Alert.UpdateOneID(s.id).ClearEntities().ClearResource()
	setFields(u.Mutation(), s.final, resources, ids)
	if err := u.Exec(ctx); err != nil {
		return fmt.Errorf("updating alert: %w", err)
	}
	if err := w.linkRest(ctx, s.id, ids); err != nil {
		return err
	}
	if _, err := w.tx.AlertPayload.Delete().Where(alertpayload.HasAlertWith(entalert.ID(s.id))).Exec(ctx); err != nil {
		return fmt.Errorf("replacing payload: %w", err)
	}
	p := s.final
	return w.tx.AlertPayload.Create().SetAlertID(s.id).SetData(p.payload).SetSize(p.size).SetTruncated(p.truncated()).Exec(ctx)
}

// setFields writes every stored field of p into an alert mutation (of a
// create or an update).
func setFields(m *ent.AlertMutation, p *pending, resources map[string]int, entityIDs []int) {
	a := p.alert
	m.SetProviderAlertID(a.ProviderAlertID)
	m.SetAlertType(a.AlertType)
	m.SetDisplayName(a.DisplayName)
	m.SetDescription(a.Description)
	m.SetVendorName(a.VendorName)
	m.SetProductName(a.ProductName)
	m.SetProductComponentName(a.ProductComponentName)
	m.SetProviderName(a.ProviderName)
	m.SetSeverity(a.Severity)
	m.SetSeverityRank(a.Severity.Rank())
	m.SetStatus(a.Status)
	m.SetIntent(a.Intent)
	m.SetCategory(category.ForAlert(a.VendorName, p.resource.Type))
	m.SetTactics(nonNil(a.Tactics))
	m.SetTacticMask(killchain.Mask(a.Tactics))
	m.SetTacticsFromCatalogue(a.Intent == "" && len(a.Tactics) > 0)
	m.SetTechniques(nonNil(a.Techniques))
	m.SetSubTechniques(nonNil(a.SubTechniques))
	m.SetStartTime(a.StartTime)
	m.SetEndTime(a.EndTime)
	if !a.GeneratedTime.IsZero() {
		m.SetGeneratedTime(a.GeneratedTime)
	} else {
		m.ClearGeneratedTime()
	}
	if !a.ProcessingTime.IsZero() {
		m.SetProcessingEndTime(a.ProcessingTime)
	} else {
		m.ClearProcessingEndTime()
	}
	m.SetRemediationSteps(nonNil(a.RemediationSteps))
	m.SetExtendedProperties(a.ExtendedProperties)
	m.SetExtendedLinks(nonNil(a.ExtendedLinks))
	m.SetCompromisedEntity(a.CompromisedEntity)
	m.SetConfidenceLevel(a.ConfidenceLevel)
	if a.ConfidenceScore != nil {
		m.SetConfidenceScore(*a.ConfidenceScore)
	} else {
		m.ClearConfidenceScore()
	}
	m.SetIsIncident(a.IsIncident)
	m.SetCorrelationKey(a.CorrelationKey)
	m.SetAlertURI(a.AlertURI)
	m.SetSubscriptionID(a.SubscriptionID)
	m.SetTenantID(a.TenantID)
	m.SetWorkspaceID(a.WorkspaceID)
	m.SetSourceIps(nonNil(a.SourceIPs))
	m.SetContentHash(p.hash)
	if p.hasRes {
		m.SetResourceKey(p.resource.Key)
		m.SetResourceID(resources[p.resource.Key])
	} else {
		m.SetResourceKey("")
	}
	links := dedupe(entityIDs)
	m.AddEntityIDs(links[:min(len(links), edgeChunk)]...) // the rest: linkRest
	var rels []alerts.StoredRelation
	for i, e := range a.Entities {
		for _, r := range e.Relations {
			if r.Target >= 0 && r.Target < len(entityIDs) {
				rels = append(rels, alerts.StoredRelation{From: entityIDs[i], Name: r.Name, To: entityIDs[r.Target]})
			}
		}
	}
	m.SetEntityRelations(nonNil(rels))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func dedupe(ids []int) []int {
	seen := make(map[int]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
