// Rule builder for rule groups: AND/OR groups of conditions (leaves), nested up to 5 levels,
// producing exactly the JSON that daemon/modules/groups/rule_json.cpp reads:
//   {"op": "and"|"or", "rules": [...]}  or  {"field": F, "value": V} with F one of
//   role|estate|building|department (value: id), staircase ({"building": id, "staircase": "A"}),
//   inactive_days (1..36500), never_logged_in|pending_verification (true).
import { t } from '/common/i18n.js';
import { h, mount, button, uid } from '/common/ui.js';

export const FIELDS = ['role', 'estate', 'building', 'staircase', 'department', 'never_logged_in', 'inactive_days', 'pending_verification'];
const MAX_DEPTH = 5;

// Turns server JSON into the editor's model (a root group always).
export function fromJson(rule) {
  if (!rule) return { op: 'and', rules: [] };
  if (rule.op) return { op: rule.op, rules: rule.rules.map(fromJson) };
  return { op: 'and', rules: [leafFromJson(rule)] };
}
function leafFromJson(r) {
  if (r.op) return { op: r.op, rules: r.rules.map(leafFromJson) };
  if (r.field === 'staircase') return { field: r.field, building: r.value.building, staircase: r.value.staircase };
  return { field: r.field, value: r.value };
}

// The model as server JSON, or null while a condition is incomplete (no preview/save then).
export function toJson(node) {
  if (node.op) {
    if (!node.rules.length) return null;
    const rules = node.rules.map(toJson);
    return rules.includes(null) ? null : { op: node.op, rules };
  }
  switch (node.field) {
    case 'never_logged_in':
    case 'pending_verification':
      return { field: node.field, value: true };
    case 'inactive_days': {
      const n = Number(node.value);
      return Number.isInteger(n) && n >= 1 && n <= 36500 ? { field: node.field, value: n } : null;
    }
    case 'staircase':
      return node.building && node.staircase && node.staircase.trim()
        ? { field: node.field, value: { building: Number(node.building), staircase: node.staircase.trim() } } : null;
    case undefined:
    case '':
      return null;
    default:
      return node.value ? { field: node.field, value: Number(node.value) } : null;
  }
}

function select(label, options, value, onChange, attrs = {}) {
  const id = uid('rb');
  const el = h('select', { id, ...attrs }, options.map((o) => h('option', { value: String(o.value), selected: String(o.value) === String(value ?? '') }, o.label)));
  el.addEventListener('change', () => onChange(el.value));
  return h('div', { class: 'field rb-field' }, h('label', { for: id }, label), el);
}

function input(label, value, onInput, attrs = {}) {
  const id = uid('rb');
  const el = h('input', { id, value: value ?? '', ...attrs });
  el.addEventListener('input', () => onInput(el.value));
  return h('div', { class: 'field rb-field' }, h('label', { for: id }, label), el);
}

// ruleBuilder({model, lists: {roles, estates, buildings, departments}, onChange(model)}) → element.
export function ruleBuilder({ model, lists, onChange }) {
  const root = h('div', { class: 'rule-builder' });
  const changed = (redraw) => { if (redraw) draw(); onChange(model); };
  const opts = (items, labelOf) => [{ value: '', label: t('admin.rules.choose') }, ...items.map((x) => ({ value: x.id, label: labelOf(x) }))];

  function valueControls(leaf) {
    switch (leaf.field) {
      case 'role': return select(t('admin.rules.value_role'), opts(lists.roles, (r) => r.name), leaf.value, (v) => { leaf.value = v; changed(); });
      case 'estate': return select(t('admin.rules.value_estate'), opts(lists.estates, (e) => e.name), leaf.value, (v) => { leaf.value = v; changed(); });
      case 'building': return select(t('admin.rules.value_building'), opts(lists.buildings, (b) => b.address), leaf.value, (v) => { leaf.value = v; changed(); });
      case 'department':
        return lists.departments.length
          ? select(t('admin.rules.value_department'), opts(lists.departments, (d) => d.name), leaf.value, (v) => { leaf.value = v; changed(); })
          : h('p', { class: 'small muted rb-note' }, t('admin.rules.no_departments'));
      case 'staircase':
        return [select(t('admin.rules.value_building'), opts(lists.buildings, (b) => b.address), leaf.building, (v) => { leaf.building = v; changed(); }),
          input(t('admin.rules.value_staircase'), leaf.staircase, (v) => { leaf.staircase = v; changed(); }, { maxlength: '20', class: 'rb-short', autocomplete: 'off' })];
      case 'inactive_days':
        return input(t('admin.rules.value_days'), leaf.value, (v) => { leaf.value = v; changed(); }, { type: 'number', min: '1', max: '36500', inputmode: 'numeric', class: 'rb-short' });
      case 'never_logged_in':
      case 'pending_verification':
        return h('p', { class: 'small muted rb-note' }, t(`admin.rules.note_${leaf.field}`));
      default:
        return null;
    }
  }

  function drawGroup(group, path, depth, headExtra = null) {
    const label = path.length ? t('admin.rules.join_nested', { path: path.join('.') }) : t('admin.rules.join');
    const items = group.rules.map((node, i) => {
      const p = [...path, i + 1];
      const remove = button(t('admin.rules.remove'), { variant: 'ghost', size: 'sm', class: 'rb-remove',
        attrs: { 'aria-label': t('admin.rules.remove_named', { path: p.join('.') }) },
        onClick: () => { group.rules.splice(i, 1); changed(true); } });
      if (node.op) {
        return h('li', { class: 'rb-item rb-nested' }, drawGroup(node, p, depth + 1, remove));
      }
      const fieldSel = select(t('admin.rules.condition', { path: p.join('.') }),
        [{ value: '', label: t('admin.rules.choose') }, ...FIELDS.map((f) => ({ value: f, label: t(`admin.rules.fields.${f}`) }))],
        node.field, (v) => { group.rules[i] = { field: v }; changed(true); }, { class: 'rb-field-select' });
      return h('li', { class: 'rb-item' }, h('div', { class: 'rb-leaf' }, fieldSel, valueControls(node)), h('div', { class: 'rb-item-actions' }, remove));
    });
    const joinSel = select(label, [{ value: 'and', label: t('admin.rules.and') }, { value: 'or', label: t('admin.rules.or') }], group.op,
      (v) => { group.op = v; changed(true); }, { class: 'rb-join' });
    const add = button(t('admin.rules.add'), { variant: 'secondary', size: 'sm', onClick: () => { group.rules.push({ field: '' }); changed(true); focusLast(group); } });
    const addGroup = depth < MAX_DEPTH - 1 ? button(t('admin.rules.add_group'), { variant: 'ghost', size: 'sm',
      onClick: () => { group.rules.push({ op: group.op === 'and' ? 'or' : 'and', rules: [{ field: '' }] }); changed(true); } }) : null;
    return h('div', { class: ['rb-group', `rb-depth-${depth}`, `rb-op-${group.op}`] },
      h('div', { class: 'rb-group-head' }, joinSel, headExtra),
      items.length ? h('ol', { class: 'rb-list' }, items) : h('p', { class: 'muted small' }, t('admin.rules.empty')),
      h('div', { class: 'btn-row' }, add, addGroup));
  }

  function focusLast() {
    const sels = root.querySelectorAll('.rb-field-select');
    if (sels.length) sels[sels.length - 1].focus();
  }

  function draw() {
    mount(root, drawGroup(model, [], 0));
  }
  draw();
  return root;
}
