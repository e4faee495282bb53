/* actorgraph: the interactive network page.
 *
 * Reads the data embedded in #ag-data (JSON), draws it with vis-network, and adds the
 * legend with its filters, the search box and the side panel. Every text that comes from a
 * document is put into the page with textContent (never innerHTML): it cannot become markup.
 */
(function () {
  "use strict";

  var scriptAt = performance.now();
  var data = JSON.parse(document.getElementById("ag-data").textContent);
  var entities = data.entities, links = data.links, documents = data.documents;

  // ---------------------------------------------------------------- small DOM helpers
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "text") node.textContent = props[k];
        else if (k === "className") node.className = props[k];
        else node.setAttribute(k, props[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ---------------------------------------------------------------- names, as actorgraph compares them
  function normalise(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .toLowerCase().replace(/['\u2019]s\b/g, "").replace(/[^\p{L}\p{N}_]+/gu, " ").trim()
      .replace(/^the /, "");
  }
  var searchKeys = entities.map(function (e) {
    return [e.label].concat(e.aliases).map(function (name) { return { name: name, key: normalise(name) }; });
  });

  // ---------------------------------------------------------------- relations of each entity
  var linksOf = entities.map(function () { return []; });
  links.forEach(function (l, j) {
    linksOf[l.from].push(j);
    if (l.to !== l.from) linksOf[l.to].push(j);
  });
  var relationInfo = {};
  data.relations.forEach(function (r) { relationInfo[r.name] = r; });

  // ---------------------------------------------------------------- filters
  var shown = {
    classes: new Set(data.classes.map(function (c) { return c.name; })),
    relations: new Set(data.relations.map(function (r) { return r.name; })),
    modalities: new Set(data.modalities.map(function (m) { return m.name; })),
    curation: new Set(data.curation.map(function (c) { return c.name; })),
    documents: new Set(documents.map(function (d, i) { return i; }))
  };
  // a relation asserted or changed by hand (docs/curation.md) is "curated"; one that is also
  // stated by a document, as extracted, is both
  function curationPasses(l) {
    if (!l.curated) return shown.curation.has("extracted");
    return shown.curation.has("curated") || (l.extracted && shown.curation.has("extracted"));
  }
  var allDocuments = documents.length;
  function inShownDocument(docs) {
    if (shown.documents.size === allDocuments) return true;
    for (var i = 0; i < docs.length; i++) if (shown.documents.has(docs[i])) return true;
    return false;
  }
  function entityShown(i) {
    var e = entities[i];
    return shown.classes.has(e.type) && inShownDocument(e.docs);
  }
  // a relation's own filters; vis-network hides by itself the edges of a hidden node
  function linkPasses(j) {
    var l = links[j];
    if (!shown.relations.has(l.relation)) return false;
    if (l.modality && !shown.modalities.has(l.modality)) return false;
    if (!curationPasses(l)) return false;
    return inShownDocument(l.docs);
  }
  function linkShown(j) {
    return linkPasses(j) && entityShown(links[j].from) && entityShown(links[j].to);
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  // filters hide items (vis-network's "hidden") rather than removing them: only the items
  // that change are updated, in one batch each, and the layout does not move
  var entityHidden = entities.map(function () { return false; });
  var linkHidden = links.map(function () { return false; });
  var shownCount = { entities: entities.length, links: links.length };

  var container = document.getElementById("ag-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var status = document.getElementById("ag-status");
  var createdAt = performance.now();

  function updateStatus() {
    status.textContent = "Showing " + shownCount.entities + " of " + entities.length + " entities, " +
      shownCount.links + " of " + links.length + " relations" +
      (loners.length && related.length ? " (" + loners.length + " without relations: below the network)" : "");
  }
  function refilter() {
    var nodeChanges = [], edgeChanges = [];
    for (var i = 0; i < entities.length; i++) {
      var hide = !entityShown(i);
      if (hide !== entityHidden[i]) { entityHidden[i] = hide; nodeChanges.push({ id: i, hidden: hide }); }
    }
    var linksShown = 0;
    for (var j = 0; j < links.length; j++) {
      var hideLink = !linkPasses(j);
      if (hideLink !== linkHidden[j]) { linkHidden[j] = hideLink; edgeChanges.push({ id: j, hidden: hideLink }); }
      if (!hideLink && !entityHidden[links[j].from] && !entityHidden[links[j].to]) linksShown++;
    }
    shownCount.entities = entityHidden.filter(function (h) { return !h; }).length;
    shownCount.links = linksShown;
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    updateStatus();
    var selected = network.getSelectedNodes();
    if (selected.length && !entityShown(selected[0])) { network.unselectAll(); }
  }

  // ---------------------------------------------------------------- legend with filters
  var filters = document.getElementById("ag-filters");
  function swatch(shape, color) {
    var box = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    var style = { fill: color, stroke: "#333", "stroke-width": 1 };
    var s;
    if (shape === "dot") s = svg("circle", { cx: 8, cy: 8, r: 6 });
    else if (shape === "square") s = svg("rect", { x: 2, y: 2, width: 12, height: 12 });
    else if (shape === "diamond") s = svg("polygon", { points: "8,1 15,8 8,15 1,8" });
    else if (shape === "triangle") s = svg("polygon", { points: "8,1 15,14 1,14" });
    else if (shape === "triangleDown") s = svg("polygon", { points: "1,2 15,2 8,15" });
    else s = svg("polygon", { points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" });
    Object.keys(style).forEach(function (k) { s.setAttribute(k, style[k]); });
    box.appendChild(s);
    return box;
  }
  function line(color, width, dashed, arrow) {
    var box = svg("svg", { width: 28, height: 12, viewBox: "0 0 28 12", "aria-hidden": "true" });
    var l = svg("line", { x1: 1, y1: 6, x2: arrow ? 22 : 27, y2: 6, stroke: color, "stroke-width": Math.max(1.5, width) });
    if (dashed) l.setAttribute("stroke-dasharray", typeof dashed === "string" ? dashed : "5 3");
    box.appendChild(l);
    if (arrow) box.appendChild(svg("polygon", { points: "21,2 27,6 21,10", fill: color }));
    return box;
  }
  function filterRow(set, value, picture, name, count, group) {
    var box = el("input", { type: "checkbox", "data-filter": group, "data-value": String(value) });
    box.checked = set.has(value);
    box.addEventListener("change", function () {
      if (box.checked) set.add(value); else set.delete(value);
      refilter();
    });
    var row = el("label", { className: "ag-filter" + (count ? "" : " ag-empty") }, box, picture,
      el("span", { className: "ag-name", text: name }), el("span", { className: "ag-count", text: String(count) }));
    if (group === "document") row.title = name;
    return row;
  }
  filters.appendChild(el("h2", { text: "Entities" }));
  data.classes.forEach(function (c) {
    filters.appendChild(filterRow(shown.classes, c.name, swatch(c.shape, c.color), c.name, c.count, "class"));
  });
  filters.appendChild(el("p", { className: "ag-note", text: "Size: how many other entities each is related to (degree centrality)." }));
  filters.appendChild(el("h2", { text: "Relations" }));
  data.relations.forEach(function (r) {
    if (!r.count) return;
    filters.appendChild(filterRow(shown.relations, r.name, line(r.color, r.width, false, r.arrow), r.label, r.count, "relation"));
  });
  var cooperation = relationInfo.cooperatesWith || { color: "#C0392B", width: 3 };
  filters.appendChild(el("h2", { text: "Cooperation" }));
  data.modalities.forEach(function (m) {
    var name = m.name === "proposed" ? "proposed (called for)" : "actual (takes place)";
    filters.appendChild(filterRow(shown.modalities, m.name, line(cooperation.color, cooperation.width, !!m.dashes, false),
      name, m.count, "modality"));
  });
  var curatedCount = data.curation.filter(function (c) { return c.name === "curated"; }).map(function (c) { return c.count; })[0] || 0;
  if (curatedCount) {
    filters.appendChild(el("h2", { text: "Source" }));
    data.curation.forEach(function (c) {
      var name = c.name === "curated" ? "by hand (curated)" : "extracted";
      var dashes = c.dashes ? c.dashes.join(" ") : false;
      filters.appendChild(filterRow(shown.curation, c.name, line("#555555", 2, dashes, false), name, c.count, "curation"));
    });
  }
  if (documents.length > 1) {
    filters.appendChild(el("h2", { text: "Documents" }));
    var docCounts = documents.map(function () { return 0; });
    entities.forEach(function (e) { e.docs.forEach(function (d) { docCounts[d] += 1; }); });
    documents.forEach(function (d, i) {
      filters.appendChild(filterRow(shown.documents, i, null, d.title || d.source, docCounts[i], "document"));
    });
  }
  var reset = el("button", { type: "button", id: "ag-reset", text: "Show everything" });
  reset.addEventListener("click", function () {
    data.classes.forEach(function (c) { shown.classes.add(c.name); });
    data.relations.forEach(function (r) { shown.relations.add(r.name); });
    data.modalities.forEach(function (m) { shown.modalities.add(m.name); });
    data.curation.forEach(function (c) { shown.curation.add(c.name); });
    documents.forEach(function (d, i) { shown.documents.add(i); });
    filters.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.checked = true; });
    refilter();
    network.fit({ animation: false });
  });
  filters.appendChild(reset);
  filters.appendChild(el("p", { className: "ag-note", text: "Click an entity or a relation for the sentences " +
    "behind it. Drag to move, scroll to zoom." }));

  // ---------------------------------------------------------------- side panel
  var panelBox = document.getElementById("ag-panel");
  var panel = document.getElementById("ag-panel-body");
  document.getElementById("ag-panel-close").addEventListener("click", function () {
    panelBox.hidden = true;
    network.unselectAll();
  });
  function docName(i) {
    var d = documents[i];
    return d ? (d.title || d.source) : "";
  }
  function relationLabel(name) { return (relationInfo[name] && relationInfo[name].label) || name; }
  function entityButton(i) {
    var b = el("button", { type: "button", className: "ag-link", text: entities[i].label });
    b.addEventListener("click", function () { selectEntity(i, true); });
    return b;
  }
  function linkButton(j, text) {
    var b = el("button", { type: "button", className: "ag-link", text: text });
    b.addEventListener("click", function () { selectLink(j); });
    return b;
  }
  function showEntity(i) {
    var e = entities[i];
    clear(panel);
    panelBox.hidden = false;
    panelBox.dataset.showing = "entity";
    panel.appendChild(el("h2", { text: e.label }));
    panel.appendChild(el("p", { className: "ag-kind", text: e.type + (e.classes.length ? " \u2014 " + e.classes.join(", ") : "") }));
    if (e.curated) {
      panel.appendChild(el("h3", { text: "Changed by hand" }));
      var changes = el("ul", { className: "ag-curated" });
      e.curated.split("; ").forEach(function (c) { changes.appendChild(el("li", { text: c })); });
      panel.appendChild(changes);
    }
    if (e.aliases.length) {
      panel.appendChild(el("h3", { text: "Also called" }));
      var aliases = el("ul", { className: "ag-aliases" });
      e.aliases.forEach(function (a) { aliases.appendChild(el("li", { text: a })); });
      panel.appendChild(aliases);
    }
    panel.appendChild(el("h3", { text: "Identifiers" }));
    var ids = el("ul", { className: "ag-identifiers" }, el("li", { className: "ag-iri", text: e.iri }));
    e.wikidata.forEach(function (q) {
      if (!/^Q[1-9][0-9]*$/.test(q)) return;
      ids.appendChild(el("li", null, "Wikidata ", el("a", {
        href: "https://www.wikidata.org/wiki/" + q, target: "_blank", rel: "noopener noreferrer", text: q })));
    });
    panel.appendChild(ids);
    if (e.docs.length) {
      panel.appendChild(el("h3", { text: "Documents" }));
      var docs = el("ul");
      e.docs.forEach(function (d) { docs.appendChild(el("li", { text: docName(d) })); });
      panel.appendChild(docs);
    }
    var mine = linksOf[i];
    panel.appendChild(el("h3", { text: "Relations (" + mine.length + ")" }));
    if (mine.length) {
      panel.appendChild(el("p", { className: "ag-hint", text: "Directly related to " + Math.round(e.centrality * (entities.length - 1)) +
        " of the " + (entities.length - 1) + " other entities shown (degree centrality " + e.centrality + ")." }));
    }
    if (!mine.length) panel.appendChild(el("p", { className: "ag-hint", text: "None found in the documents." }));
    var list = el("ul", { className: "ag-relations" });
    mine.slice(0, 500).forEach(function (j) {
      var l = links[j], out = l.from === i, other = out ? l.to : l.from;
      var text = (out ? "" : entities[other].label + " ") + relationLabel(l.relation) +
        (out ? " " + entities[other].label : " " + e.label) + (l.modality ? " (" + l.modality + ")" : "") +
        (l.curated ? " \u2014 " + (l.curated === "asserted" ? "asserted by hand" : "modality changed by hand") : "");
      list.appendChild(el("li", null, linkButton(j, text)));
    });
    if (mine.length > 500) list.appendChild(el("li", { text: "\u2026 and " + (mine.length - 500) + " more" }));
    panel.appendChild(list);
  }
  function showLink(j) {
    var l = links[j];
    clear(panel);
    panelBox.hidden = false;
    panelBox.dataset.showing = "relation";
    panel.appendChild(el("h2", null, entityButton(l.from), " " + relationLabel(l.relation) + " ", entityButton(l.to)));
    if (l.modality) {
      var says = l.modality === "proposed" ? "proposed: called for or planned, not said to take place"
        : "actual: said to take place";
      panel.appendChild(el("p", { className: "ag-kind" }, el("span", { className: "ag-badge ag-" + l.modality, text: l.modality }),
        " " + says.replace(/^\w+: /, "")));
    }
    if (l.curated) {
      panel.appendChild(el("p", { className: "ag-kind" }, el("span", { className: "ag-badge ag-curated", text: "curated" }),
        " " + (l.curated === "asserted" ? "asserted by hand" : "modality changed by hand") +
        (l.extracted ? "; also stated in the documents as extracted" : "")));
    }
    panel.appendChild(el("h3", { text: "Evidence (" + l.evidence.length + " sentence" + (l.evidence.length === 1 ? "" : "s") + ")" }));
    l.evidence.forEach(function (ev) {
      panel.appendChild(el("blockquote", { className: "ag-evidence", text: ev.sentence || "(no sentence stored)" }));
      var d = documents[ev.doc] || {};
      var where = (d.title || "") + (d.source ? " \u2014 " + d.source : "") + ", characters " + ev.start + "\u2013" + ev.end;
      if (ev.role) where += "; role: " + ev.role;
      where += "; rule: " + ev.rule;
      panel.appendChild(el("p", { className: "ag-source", text: where }));
      if (ev.curated) panel.appendChild(el("p", { className: "ag-by-hand", text: byHand(ev.curated) }));
    });
  }
  // "asserted by hand by jdoe on 2026-11-28 (decision 9): source, note"
  function byHand(c) {
    var text = (c.how === "asserted" ? "Asserted by hand" : "Modality changed by hand") + " by " + c.by + " on " + c.at +
      " (decision " + c.decision + ")";
    var more = [c.source ? "source: " + c.source : "", c.note ? "note: " + c.note : ""].filter(Boolean);
    return text + (more.length ? ": " + more.join("; ") : "");
  }
  function reveal(i) {
    if (entityShown(i)) return;
    shown.classes.add(entities[i].type);
    entities[i].docs.forEach(function (d) { shown.documents.add(d); });
    filters.querySelectorAll("input[data-filter=class], input[data-filter=document]").forEach(function (b) {
      var set = b.dataset.filter === "class" ? shown.classes : shown.documents;
      b.checked = set.has(b.dataset.filter === "class" ? b.dataset.value : Number(b.dataset.value));
    });
    refilter();
  }
  // the panel covers the right of the network: move the view so that these entities show
  function keepInView(ids) {
    var width = container.clientWidth - (panelBox.hidden ? 0 : panelBox.offsetWidth), height = container.clientHeight;
    var pos = network.getPositions(ids), margin = 80;
    var xs = ids.map(function (i) { return network.canvasToDOM(pos[i]).x; });
    var ys = ids.map(function (i) { return network.canvasToDOM(pos[i]).y; });
    var shift = function (lo, hi, size) {
      if (hi - lo > size - 2 * margin) return (lo + hi) / 2 - size / 2;
      if (hi > size - margin) return hi - (size - margin);
      if (lo < margin) return lo - margin;
      return 0;
    };
    var dx = shift(Math.min.apply(null, xs), Math.max.apply(null, xs), width);
    var dy = shift(Math.min.apply(null, ys), Math.max.apply(null, ys), height);
    if (!dx && !dy) return;
    var centre = network.getViewPosition(), scale = network.getScale();
    network.moveTo({ position: { x: centre.x + dx / scale, y: centre.y + dy / scale }, animation: { duration: 250 } });
  }
  function selectEntity(i, centre) {
    reveal(i);
    network.selectNodes([i]);
    showEntity(i);
    if (centre) network.focus(i, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 300 } });
    else keepInView([i]);
  }
  function selectLink(j) {
    var l = links[j];
    reveal(l.from);
    reveal(l.to);
    if (!linkShown(j)) {
      shown.relations.add(l.relation);
      if (l.modality) shown.modalities.add(l.modality);
      shown.curation.add(l.curated ? "curated" : "extracted");
      var sets = { relation: shown.relations, modality: shown.modalities, curation: shown.curation };
      filters.querySelectorAll("input[data-filter=relation], input[data-filter=modality], input[data-filter=curation]").forEach(function (b) {
        b.checked = sets[b.dataset.filter].has(b.dataset.value);
      });
      refilter();
    }
    network.setSelection({ nodes: [], edges: [j] });
    showLink(j);
    keepInView([l.from, l.to]);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showEntity(params.nodes[0]); keepInView([params.nodes[0]]); }
    else if (params.edges.length) { showLink(params.edges[0]); keepInView([links[params.edges[0]].from, links[params.edges[0]].to]); }
    else panelBox.hidden = true;
  });

  // ---------------------------------------------------------------- search
  var input = document.getElementById("ag-search");
  var results = document.getElementById("ag-results");
  var current = [], active = -1;
  function find(query) {
    var q = normalise(query);
    if (!q) return [];
    var found = [];
    for (var i = 0; i < entities.length; i++) {
      var best = 9, via = null, keys = searchKeys[i];
      for (var k = 0; k < keys.length; k++) {
        var key = keys[k].key, rank = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(" " + q) >= 0 ? 2 : key.indexOf(q) >= 0 ? 3 : 9;
        if (rank < best) { best = rank; via = k ? keys[k].name : null; }
      }
      if (best < 9) found.push({ i: i, rank: best, via: via });
    }
    found.sort(function (a, b) {
      return a.rank - b.rank || entities[b.i].degree - entities[a.i].degree ||
        entities[a.i].label.localeCompare(entities[b.i].label);
    });
    return found.slice(0, 12);
  }
  function showResults() {
    clear(results);
    current = find(input.value);
    active = current.length ? 0 : -1;
    if (!input.value.trim()) { results.hidden = true; return; }
    if (!current.length) {
      results.appendChild(el("li", { className: "ag-none", text: "No entity has that name." }));
    }
    current.forEach(function (hit, n) {
      var e = entities[hit.i];
      var item = el("li", { role: "option", "aria-selected": n === active ? "true" : "false", "data-index": String(hit.i) },
        e.label, el("span", { className: "ag-kind", text: e.type }));
      if (hit.via) item.appendChild(el("span", { className: "ag-alias", text: "also called " + hit.via }));
      item.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(n); });
      results.appendChild(item);
    });
    results.hidden = false;
  }
  function pick(n) {
    var hit = current[n];
    if (!hit) return;
    results.hidden = true;
    input.value = entities[hit.i].label;
    selectEntity(hit.i, true);
  }
  function moveActive(delta) {
    if (!current.length) return;
    active = (active + delta + current.length) % current.length;
    results.querySelectorAll("li[role=option]").forEach(function (li, n) {
      li.setAttribute("aria-selected", n === active ? "true" : "false");
    });
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); if (results.hidden) showResults(); pick(active < 0 ? 0 : active); }
    else if (ev.key === "ArrowDown") { ev.preventDefault(); moveActive(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); moveActive(-1); }
    else if (ev.key === "Escape") { results.hidden = true; }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  // ---------------------------------------------------------------- layout, then stillness
  var api = window.actorgraph = {
    network: network, nodes: nodes, edges: edges, data: data, find: find, normalise: normalise,
    selectEntity: selectEntity, selectLink: selectLink,
    visibleEntities: function () { return entities.map(function (e, i) { return i; }).filter(function (i) { return !entityHidden[i]; }); },
    visibleRelations: function () { return links.map(function (l, j) { return j; }).filter(linkShown); },
    timings: { scriptAt: scriptAt, createdAt: createdAt }
  };
  var related = [], loners = [];
  entities.forEach(function (e, i) { (e.degree ? related : loners).push(i); });
  // entities without relations take no part in the layout: shelve them in rows below it
  function shelveLoners() {
    if (!loners.length) return;
    var minX = 0, maxX = 0, maxY = 0;
    if (related.length) {
      var pos = network.getPositions(related);
      minX = Infinity; maxX = -Infinity; maxY = -Infinity;
      related.forEach(function (i) {
        minX = Math.min(minX, pos[i].x); maxX = Math.max(maxX, pos[i].x); maxY = Math.max(maxY, pos[i].y);
      });
    }
    var order = {};
    data.classes.forEach(function (c, k) { order[c.name] = k; });
    loners.sort(function (a, b) {
      return order[entities[a].type] - order[entities[b].type] || entities[a].label.localeCompare(entities[b].label);
    });
    var cell = 180, cols = Math.max(4, Math.floor((maxX - minX) / cell) + 1);
    nodes.update(loners.map(function (i, k) {
      return { id: i, x: minX + (k % cols) * cell, y: maxY + 160 + Math.floor(k / cols) * 100 };
    }));
  }
  // a force layout comes out round; the screen is wide: stretch the picture to fill it
  function stretchToScreen() {
    if (!data.layout.stretch || related.length < 10) return;
    var pos = network.getPositions(related);
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    related.forEach(function (i) {
      minX = Math.min(minX, pos[i].x); maxX = Math.max(maxX, pos[i].x);
      minY = Math.min(minY, pos[i].y); maxY = Math.max(maxY, pos[i].y);
    });
    var w = maxX - minX, h = maxY - minY;
    if (!(w > 0 && h > 0) || !container.clientHeight) return;
    var k = Math.min(1.8, (container.clientWidth / container.clientHeight) / (w / h));
    if (k < 1.05) return;
    // half the change widens, half flattens: labels (which are wide) get more room beside
    // each other, and the picture can be drawn larger
    var kx = Math.sqrt(k), ky = 1 / Math.sqrt(k), cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    // one batch update (network.moveNode redraws once per node)
    nodes.update(related.map(function (i) {
      return { id: i, x: cx + (pos[i].x - cx) * kx, y: cy + (pos[i].y - cy) * ky };
    }));
  }
  function firstScreen() {
    if (related.length && loners.length) network.fit({ nodes: related, animation: false });
    else network.fit({ animation: false });
  }
  function ready() {
    network.setOptions({ physics: { enabled: false } });
    api.timings.laidOutAt = performance.now();
    stretchToScreen();
    shelveLoners();
    firstScreen();
    network.once("afterDrawing", function () {
      api.timings.readyAt = performance.now();
      document.body.dataset.state = "ready";
      updateStatus();
    });
    network.redraw();
  }
  // the layout runs for a bounded number of steps and, on a large graph, a bounded time: then
  // physics stops and the picture stays still
  var budget = null;
  network.once("startStabilizing", function () {
    api.timings.layoutStartAt = performance.now();
    if (data.layout.budget_ms !== null) {
      budget = setTimeout(function () { api.timings.budgetHit = true; network.stopSimulation(); }, data.layout.budget_ms);
    }
  });
  network.on("stabilizationProgress", function (p) {
    // (vis-network reports 0 again once the layout is stopped: keep the count reached)
    api.timings.iterations = Math.max(api.timings.iterations || 0, p.iterations);
    status.textContent = "Laying out the network\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () { clearTimeout(budget); ready(); });
  // with no relation at all there is nothing to lay out, and vis-network says nothing
  if (!related.length) setTimeout(ready, 0);
})();
