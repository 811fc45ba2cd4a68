// Sliders and switches for the levers, and buttons for the shocks. A change
// is sent when the slider is let go, and applies from the next week.

function format(control, value) {
  if (control.type === 'boolean') return value ? 'on' : 'off';
  if (control.type === 'integer') return String(Math.round(value));
  if (control.unit === 'probability' || control.unit === 'share') return `${Number((100 * value).toPrecision(3))}%`;
  // Three significant digits, but never fewer digits before the point
  // (260 stays 260, 100 stays 100, 1234.5 reads 1235).
  const v = Number(value);
  return Math.abs(v) >= 100 ? String(Math.round(v)) : String(Number(v.toPrecision(3)));
}

function sliderRow(control, onChange) {
  const row = document.createElement('div');
  row.className = 'control';
  row.dataset.key = control.key;
  const label = document.createElement('label');
  const input = document.createElement('input');
  const output = document.createElement('output');
  label.textContent = control.label;
  label.title = `${control.key}: ${control.meaning} (${control.unit})`;
  input.name = control.key;
  if (control.type === 'boolean') {
    input.type = 'checkbox';
    input.addEventListener('change', () => {
      output.value = format(control, input.checked);
      onChange(control.key, input.checked);
    });
  } else {
    input.type = 'range';
    input.min = control.min;
    input.max = control.max;
    input.step = control.step;
    input.addEventListener('input', () => { output.value = format(control, Number(input.value)); });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      onChange(control.key, control.type === 'integer' ? Math.round(v) : v);
    });
  }
  label.append(input);
  row.append(label, output);
  return { row, input, output };
}

export class Controls {
  constructor(container, shockContainer, catalog, { onSet, onShock }) {
    this.rows = new Map();
    for (const control of catalog.controls) {
      const parts = sliderRow(control, onSet);
      this.rows.set(control.key, { control, ...parts });
      container.append(parts.row);
    }
    this.shockButtons = catalog.shocks.map((shock) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = shock.label;
      button.title = shock.meaning;
      button.dataset.shock = shock.id;
      button.addEventListener('click', () => onShock(shock.id));
      shockContainer.append(button);
      return button;
    });
    this.enable(false);
  }

  enable(on) {
    for (const { input } of this.rows.values()) input.disabled = !on;
    this.shockButtons.forEach((b) => { b.disabled = !on; });
  }

  // Show the values in force (unless the user is dragging that slider).
  show(params, force = false) {
    for (const [key, { control, input, output }] of this.rows) {
      if (!(key in params) || (!force && document.activeElement === input)) continue;
      if (control.type === 'boolean') input.checked = params[key];
      else input.value = params[key];
      output.value = format(control, params[key]);
    }
  }

  highlight(keys) {
    for (const [key, { row }] of this.rows) row.classList.toggle('highlight', keys.includes(key));
    // In presentation mode only a lesson's own levers are shown.
    for (const { row } of this.rows.values()) row.parentElement.classList.toggle('has-highlight', keys.length > 0);
  }
}
