// The Wijkgraaf SPARQL query page: sends the query with the SPARQL 1.1 Protocol (POST form)
// and shows the answer. No external scripts; every value is inserted as text, never as HTML.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config").textContent);
  var t = config.text;
  var form = document.getElementById("query-form");
  var query = document.getElementById("query");
  var format = document.getElementById("format");
  var examples = document.getElementById("examples");
  var status = document.getElementById("status");
  var result = document.getElementById("result");
  var download = document.getElementById("download");
  var run = document.getElementById("run");
  var lastUrl = null;

  examples.addEventListener("change", function () {
    var example = config.examples[examples.value];
    if (example) { query.value = example.sparql; }
  });

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = kind || "";
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = term.value;
      a.textContent = term.value;
      a.rel = "noopener noreferrer";
      td.appendChild(a);
    } else {
      td.appendChild(document.createTextNode(term.type === "bnode" ? "_:" + term.value : term.value));
      var note = term["xml:lang"] ? "@" + term["xml:lang"] : (term.datatype ? " ^^" + term.datatype.replace(/^.*[#\/]/, "") : "");
      if (note) {
        var span = document.createElement("span");
        span.className = term["xml:lang"] ? "lang" : "dt";
        span.textContent = " " + note;
        td.appendChild(span);
      }
    }
    return td;
  }

  function table(data) {
    var tableEl = document.createElement("table");
    var head = tableEl.createTHead().insertRow();
    data.head.vars.forEach(function (name) {
      var th = document.createElement("th");
      th.textContent = "?" + name;
      head.appendChild(th);
    });
    var body = tableEl.createTBody();
    data.results.bindings.forEach(function (row) {
      var tr = body.insertRow();
      data.head.vars.forEach(function (name) { tr.appendChild(cell(row[name])); });
    });
    return tableEl;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run.disabled = true;
    result.textContent = "";
    download.hidden = true;
    setStatus(t.running);
    var started = performance.now();
    var body = new URLSearchParams();
    body.set("query", query.value);
    fetch("sparql", {
      method: "POST",
      headers: { "Accept": format.value, "Content-Type": "application/x-www-form-urlencoded" },
      body: body
    }).then(function (response) {
      return response.blob().then(function (blob) { return { response: response, blob: blob }; });
    }).then(function (answer) {
      var response = answer.response;
      var ms = Math.round(performance.now() - started);
      if (!response.ok) {
        return answer.blob.text().then(function (text) {
          setStatus(response.status + " " + response.statusText + "\n" + text, "error");
        });
      }
      if (lastUrl) { URL.revokeObjectURL(lastUrl); }
      lastUrl = URL.createObjectURL(answer.blob);
      download.href = lastUrl;
      download.hidden = false;
      var type = response.headers.get("Content-Type") || "";
      var truncated = response.headers.get("X-Wijkgraaf-Truncated");
      var message = response.headers.get("X-Wijkgraaf-Message");
      return answer.blob.text().then(function (text) {
        var rows = response.headers.get("X-Wijkgraaf-Rows") || "?";
        if (type.indexOf("sparql-results+json") >= 0) {
          var data = JSON.parse(text);
          if (typeof data.boolean === "boolean") {
            result.textContent = data.boolean ? t.yes : t.no;
          } else {
            result.appendChild(table(data));
            rows = data.results.bindings.length;
          }
        } else {
          var pre = document.createElement("pre");
          pre.className = "rdf";
          pre.textContent = text;
          result.appendChild(pre);
        }
        var line = t.rows.replace("{n}", rows).replace("{ms}", ms);
        if (truncated) {
          setStatus(line + " — " + t.truncated + ": " + (message || ""), "warning");
        } else {
          setStatus(line);
        }
      });
    }).catch(function (error) {
      setStatus(String(error), "error");
    }).then(function () { run.disabled = false; });
  });
}());
