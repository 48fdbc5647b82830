// Town Square Kit: the highlight task's text (anywidget front end, kit/highlight.py).
// Every word is a focusable checkbox. Mouse or touch: press on a word and drag across others
// (all take the new state of the first). Keyboard: one word is in the tab order at a time
// (roving tabindex); arrows move in reading order (so ← is forward in right-to-left text),
// Home/End jump, Space toggles, Shift+arrow extends, Enter asks Python to check.

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "kit-hl";
  // JupyterLab must not treat these keys as notebook shortcuts (Enter, Space, arrows).
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  const uid = "kit-hl-" + Math.random().toString(36).slice(2, 10);
  const help = document.createElement("p");
  help.className = "kit-hl-help";
  help.id = uid + "-help";
  const text = document.createElement("div");
  text.className = "kit-hl-text";
  text.setAttribute("role", "group");
  text.setAttribute("aria-describedby", help.id);
  root.append(help, text);
  el.appendChild(root);

  let words = [];
  let selected = new Set();
  let focusIndex = 0;
  let drag = null; // {value: bool} while the pointer is down

  function build() {
    const labels = model.get("labels") || {};
    const dir = model.get("direction") || "rtl";
    root.dir = dir;
    root.lang = model.get("lang") || "ar";
    help.textContent = labels.help || "";
    text.setAttribute("aria-label", labels.group || "");
    text.replaceChildren();
    words = [];
    let para = null;
    let paraNumber = null;
    (model.get("tokens") || []).forEach((tok, i) => {
      if (para === null || tok.p !== paraNumber) {
        para = document.createElement("p");
        para.className = "kit-hl-para";
        para.dataset.para = String(tok.p);
        const num = document.createElement("span");
        num.className = "kit-hl-num";
        num.textContent = String(tok.p);
        num.setAttribute("aria-label", (labels.paragraph || "{n}").replace("{n}", tok.p));
        para.appendChild(num);
        para.appendChild(document.createTextNode(" "));
        text.appendChild(para);
        paraNumber = tok.p;
      }
      const w = document.createElement("span");
      w.className = "kit-hl-word";
      w.textContent = tok.t;
      w.dataset.i = String(i);
      w.setAttribute("role", "checkbox");
      w.setAttribute("aria-checked", "false");
      w.tabIndex = -1;
      para.appendChild(w);
      para.appendChild(document.createTextNode(" "));
      words.push(w);
    });
    focusIndex = Math.min(focusIndex, Math.max(words.length - 1, 0));
    syncSelected();
    syncMarks();
  }

  function syncSelected() {
    selected = new Set(model.get("selected") || []);
    words.forEach((w, i) => {
      const on = selected.has(i);
      w.classList.toggle("kit-hl-on", on);
      w.setAttribute("aria-checked", on ? "true" : "false");
      w.tabIndex = i === focusIndex ? 0 : -1;
    });
  }

  function syncMarks() {
    const marks = model.get("marks") || {};
    const labels = model.get("labels") || {};
    words.forEach((w, i) => {
      const mark = marks[String(i)] || "";
      w.classList.remove("kit-hl-hit", "kit-hl-miss", "kit-hl-extra");
      if (mark) {
        w.classList.add("kit-hl-" + mark);
        w.setAttribute("aria-description", labels["mark_" + mark] || mark);
      } else {
        w.removeAttribute("aria-description");
      }
    });
  }

  function setWord(i, value) {
    if (value) selected.add(i); else selected.delete(i);
    words[i].classList.toggle("kit-hl-on", value);
    words[i].setAttribute("aria-checked", value ? "true" : "false");
  }

  function commit() {
    model.set("selected", [...selected].sort((a, b) => a - b));
    model.save_changes();
  }

  function moveFocus(i) {
    if (!words.length) return;
    i = Math.max(0, Math.min(words.length - 1, i));
    words[focusIndex].tabIndex = -1;
    focusIndex = i;
    words[i].tabIndex = 0;
    words[i].focus();
  }

  function wordAt(event) {
    const target = document.elementFromPoint(event.clientX, event.clientY);
    const w = target && target.closest ? target.closest(".kit-hl-word") : null;
    return w && text.contains(w) ? Number(w.dataset.i) : null;
  }

  text.addEventListener("pointerdown", (event) => {
    const w = event.target.closest(".kit-hl-word");
    if (!w || event.button !== 0) return;
    event.preventDefault(); // no native text selection while dragging
    const i = Number(w.dataset.i);
    drag = { value: !selected.has(i) };
    setWord(i, drag.value);
    moveFocus(i);
  });
  text.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const i = wordAt(event);
    if (i !== null && selected.has(i) !== drag.value) setWord(i, drag.value);
  });
  const endDrag = () => {
    if (!drag) return;
    drag = null;
    commit();
  };
  document.addEventListener("pointerup", endDrag);
  document.addEventListener("pointercancel", endDrag);

  text.addEventListener("keydown", (event) => {
    const w = event.target.closest(".kit-hl-word");
    if (!w) return;
    const i = Number(w.dataset.i);
    const rtl = (model.get("direction") || "rtl") === "rtl";
    let next = null;
    switch (event.key) {
      case "ArrowLeft": next = rtl ? i + 1 : i - 1; break;
      case "ArrowRight": next = rtl ? i - 1 : i + 1; break;
      case "ArrowDown": next = i + 1; break;
      case "ArrowUp": next = i - 1; break;
      case "Home": next = 0; break;
      case "End": next = words.length - 1; break;
      case " ":
      case "Spacebar":
        setWord(i, !selected.has(i));
        commit();
        break;
      case "Enter":
        model.set("submits", (model.get("submits") || 0) + 1);
        model.save_changes();
        break;
      default:
        return; // Tab and every other key keep their usual meaning
    }
    event.preventDefault();
    event.stopPropagation();
    if (next !== null && next >= 0 && next < words.length) {
      if (event.shiftKey) {
        setWord(next, selected.has(i));
        commit();
      }
      moveFocus(next);
    }
  });

  model.on("change:tokens", build);
  model.on("change:labels", build);
  model.on("change:direction", build);
  model.on("change:selected", syncSelected);
  model.on("change:marks", syncMarks);
  build();

  return () => {
    document.removeEventListener("pointerup", endDrag);
    document.removeEventListener("pointercancel", endDrag);
  };
}

export default { render };
