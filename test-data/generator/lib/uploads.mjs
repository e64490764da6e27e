// How the children and plans are split into uploads, the same for bundle and NDJSON data.
//
// Each upload is one council's (its system may write only its own plans), with up to `batch`
// people. A child with plans of two councils (one they moved from) is uploaded first with the
// council of their latest plan, in phase "plans", and only then, in phase "plans-other-councils",
// with the other council: no two uploads in flight at once then create the same child, which would
// make one of them wait for the other and start again.

/**
 * @param people [{ plans: [...] }] in order, each person's latest plan last
 * @param councilOf plan -> ODS code of its council
 * @returns { plans: [{ ods, part, items }], 'plans-other-councils': [...] }, items being [{ person, plans }],
 *          ordered round robin over councils so that parallel uploads spread over many councils
 */
export function planUploads(people, councilOf, batch) {
  const home = new Map();
  const elsewhere = new Map();
  for (const person of people) {
    const homeCouncil = councilOf(person.plans[person.plans.length - 1]);
    const byCouncil = new Map();
    for (const plan of person.plans) {
      const ods = councilOf(plan);
      if (!byCouncil.has(ods)) byCouncil.set(ods, []);
      byCouncil.get(ods).push(plan);
    }
    for (const [ods, plans] of byCouncil) {
      const target = ods === homeCouncil ? home : elsewhere;
      if (!target.has(ods)) target.set(ods, []);
      target.get(ods).push({ person, plans });
    }
  }
  return { plans: roundRobin(home, batch), 'plans-other-councils': roundRobin(elsewhere, batch) };
}

function roundRobin(byCouncil, batch) {
  const lists = [...byCouncil].map(([ods, items]) =>
    Array.from({ length: Math.ceil(items.length / batch) }, (_, k) => ({ ods, part: k + 1, items: items.slice(k * batch, (k + 1) * batch) })));
  const out = [];
  for (let k = 0; lists.some((list) => k < list.length); k++) {
    for (const list of lists) if (k < list.length) out.push(list[k]);
  }
  return out;
}
