// The canned forms' pickers: names of this graph's resources of the parameter's kind, from /search.
for (const input of document.querySelectorAll("input.picker[data-kind]")) {
  const list = document.getElementById(input.getAttribute("list"));
  let asked = "";
  input.addEventListener("input", async () => {
    const text = input.value.trim();
    if (text.length < 2 || text === asked) return;
    asked = text;
    const params = new URLSearchParams({ q: text, kind: input.dataset.kind, limit: "12" });
    const response = await fetch("/search?" + params, { headers: { Accept: "application/json" } });
    if (!response.ok || asked !== text) return;
    list.textContent = "";
    for (const hit of (await response.json()).results) {
      const option = document.createElement("option");
      option.value = hit.label;
      option.label = hit.matched ? `${hit.label} (${hit.matched})` : hit.key;
      list.appendChild(option);
    }
  });
}
