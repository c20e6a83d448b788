//! (being written)

use super::Cx;
use crate::emit::Emit;
use crate::guest::ppc::insns::Op;

pub fn lift<E: Emit>(_cx: &mut Cx<'_, E>, _op: Op) -> bool {
    false
}
